import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, occupyPort } from '../support/ports.js';
import { partnerConfig } from './helpers.js';

// `npm run partner` (the Demo Wallet) as a process: an unknown config key, a port another program holds, --port.

const ROOT = join(import.meta.dirname, '..', '..');

interface PartnerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the first log line that has this message. */
  line: (msg: string) => Promise<Record<string, unknown>>;
}

describe('the Demo Wallet as a process', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'partner-port-'));
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  function writeConfig(name: string, value: unknown): string {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  }

  function startPartner(args: string[]): PartnerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'partner', 'main.ts'), ...args], {
      cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    const waiting: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const wait of waiting) {
        const line = output.split('\n').find((text) => text.includes(`"msg":"${wait.msg}"`));
        if (line) wait.resolve(JSON.parse(line) as Record<string, unknown>);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return {
      child, exited, output: () => output,
      line: (msg) => new Promise((resolve, reject) => {
        waiting.push({ msg, resolve });
        void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
      }),
    };
  }

  it('refuses an unknown key at any level with exit 2, naming it', async () => {
    const config = partnerConfig() as Record<string, any>;
    config.listen = { ...config.listen, prot: 8490 };
    const run = startPartner(['--config', writeConfig('unknown.json', config)]);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('invalid config key "listen.prot": unknown key');
  });

  it('a port already in use: one line naming the port, the setting and the flag, then exit 4', async () => {
    const taken = await occupyPort();
    try {
      const file = writeConfig('taken.json', partnerConfig({ listen: { host: '127.0.0.1', port: taken.port } }));
      const run = startPartner(['--config', file]);
      expect(await run.exited).toBe(4);
      expect(run.output()).toBe(
        `Demo Wallet cannot listen on 127.0.0.1:${taken.port}: the port is already in use. ` +
        `Change "listen.port" in ${file} or start with --port <n>.\n`,
      );
    } finally {
      await taken.close();
    }
  });

  it('--port and --hub-url override the config; the banner shows the port actually used (--port 0 too)', async () => {
    const file = writeConfig('flags.json', partnerConfig({ listen: { host: '127.0.0.1', port: await freePort() } }));
    const hubUrl = `http://127.0.0.1:${await freePort()}/qr/v1`;
    for (const flag of [String(await freePort()), '0']) {
      const run = startPartner(['--config', file, '--port', flag, '--hub-url', hubUrl]);
      const banner = await run.line('partner listening');
      const port = Number(new URL(String(banner.baseUrl)).port);
      if (flag !== '0') expect(port).toBe(Number(flag));
      expect(port).toBeGreaterThan(0);
      expect(banner.hub).toBe(hubUrl);
      expect((await fetch(`${String(banner.baseUrl)}/health`)).status).toBe(200);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  });
});
