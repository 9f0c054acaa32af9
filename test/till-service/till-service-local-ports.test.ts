import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, occupyPort } from '../support/ports.js';
import { hubConfigFor, partnerConfigFor, PASSWORDS } from '../support/stack-config.js';

// Browser mode in local mode as a process: the supervised hub and Demo Wallet on the ports --hub-port and
// --wallet-port name, and what happens when another program holds one of their ports.

const ROOT = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];
let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'hub.mjs'))) {
    expect(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status).toBe(0);
  }
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface LocalConfig {
  tillFile: string;
  hubFile: string;
  partnerFile: string;
}

/** A till in local mode whose hub and Demo Wallet configs (in a temporary folder) name these ports. */
function writeLocalConfig(hubPort: number, walletPort: number): LocalConfig {
  dir = mkdtempSync(join(tmpdir(), 'qrtill-local-'));
  const hub = { ...hubConfigFor(hubPort, walletPort, join(dir, 'hub.sqlite')), log: { level: 'warn' } };
  const files = { tillFile: join(dir, 'till.json'), hubFile: join(dir, 'hub.json'), partnerFile: join(dir, 'partner.json') };
  writeFileSync(files.hubFile, JSON.stringify(hub));
  writeFileSync(files.partnerFile, JSON.stringify(partnerConfigFor(walletPort, hubPort)));
  writeFileSync(files.tillFile, JSON.stringify({
    // The till's own hub URL names no port in use: in local mode the till talks to the hub it starts.
    hub: { mode: 'local', url: 'http://127.0.0.1:1', clientId: 'till-01', password: PASSWORDS.retailer,
      localHubConfig: 'hub.json', localPartnerConfig: 'partner.json' },
    till: { terminalId: 'TILL0001', merchantId: '123456789012345', merchantName: 'Corner Grocer', merchantCity: 'Cape Town' },
    timeouts: { scanWindowSeconds: 5, partnerSeconds: 2 },
    dataDir: 'data',
  }));
  return files;
}

function startWeb(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'till-service', 'main.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      if (/QR Till is ready: \S+\n.*\n/.test(output)) resolve(output);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, output: () => output };
}

async function verb<T>(url: string, name: string, payload: unknown = null): Promise<T> {
  const response = await fetch(`${url}/api/verbs/${name}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }),
  });
  const result = (await response.json()) as { ok: boolean; value: T };
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return result.value;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('npm run start:web in local mode', () => {
  it('--hub-port and --wallet-port: the hub, the Demo Wallet and the till follow; a sale is paid through them', async () => {
    const config = writeLocalConfig(await freePort(), await freePort());
    const [hubPort, walletPort] = [await freePort(), await freePort()];
    const web = startWeb(['--config', config.tillFile, '--port', '0', '--hub-port', String(hubPort), '--wallet-port', String(walletPort)]);
    const banner = await web.ready;
    const url = /QR Till is ready: (http:\/\/127\.0\.0\.1:(\d+))/.exec(banner)!;
    expect(Number(url[2])).toBeGreaterThan(0);
    expect(banner).toContain(`hub: http://127.0.0.1:${hubPort} (local, with the Demo Wallet at http://127.0.0.1:${walletPort})`);
    expect(banner).toContain(`npm run partner -- scan <payload> --port ${walletPort}`);
    expect((await fetch(`http://127.0.0.1:${hubPort}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${walletPort}/health`)).status).toBe(200);

    const till = url[1]!;
    expect((await verb<{ settings: { hubUrl: string } }>(till, 'snapshot')).settings.hubUrl).toBe(`http://127.0.0.1:${hubPort}`);
    await verb(till, 'charge', { amountMinor: 1234 });
    const qrPayload = await until('the QR code', async () =>
      (await verb<{ current?: { qrPayload?: string } }>(till, 'snapshot')).current?.qrPayload);
    // The Demo Wallet reaches the hub on --hub-port, and the hub the Demo Wallet on --wallet-port.
    const scan = await fetch(`http://127.0.0.1:${walletPort}/demo/scan`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ qrPayload }),
    });
    expect(scan.status).toBe(200);
    await until('the approval', async () => {
      const phase = (await verb<{ current?: { phase: string } }>(till, 'snapshot')).current?.phase;
      return phase === 'approved' ? phase : undefined;
    });
    web.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
    // Nothing was written over the configs: the ports hold for this run only.
    expect(JSON.parse(readFileSync(config.hubFile, 'utf8')).listen.port).not.toBe(hubPort);
  });

  it.each([
    ['hub', 'QR Hub', 'hubFile', '--hub-port'],
    ['Demo Wallet', 'Demo Wallet', 'partnerFile', '--wallet-port'],
  ] as const)('the %s\'s port already in use: one line naming it, exit 4, no restart', async (_label, program, file, flag) => {
    const taken = await occupyPort();
    try {
      const other = await freePort();
      const config = program === 'QR Hub' ? writeLocalConfig(taken.port, other) : writeLocalConfig(other, taken.port);
      const web = startWeb(['--config', config.tillFile, '--port', '0']);
      expect(await web.exited).toBe(4);
      const line = `${program} cannot listen on 127.0.0.1:${taken.port}: the port is already in use. ` +
        `Change "listen.port" in ${config[file]} or start with ${flag} <n>.`;
      expect(web.output()).toContain(`\n${line}\n`);
      expect(occurrences(web.output(), `127.0.0.1:${taken.port}`)).toBe(1);
      expect(web.output()).not.toMatch(/restarting|at .*\.ts:\d+/);
    } finally {
      await taken.close();
    }
  });

  it('refuses a --hub-port of 0 or out of range with exit 2', async () => {
    const config = writeLocalConfig(await freePort(), await freePort());
    const web = startWeb(['--config', config.tillFile, '--hub-port', '0']);
    expect(await web.exited).toBe(2);
    expect(web.output()).toContain('invalid --hub-port "0": give a port number from 1 to 65535');
  });
});
