import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, occupyPort } from '../support/ports.js';
import { startStack, type Stack } from '../support/stack.js';
import { PASSWORDS } from '../support/stack-config.js';

// `npm run start:web` as a process: its config, its overrides, and what it refuses.

const ROOT = join(import.meta.dirname, '..', '..');
let stack: Stack;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.close();
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function writeConfig(web: Record<string, unknown> = {}): string {
  dir = mkdtempSync(join(tmpdir(), 'qrtill-web-'));
  const file = join(dir, 'till.json');
  writeFileSync(file, JSON.stringify({
    hub: { mode: 'remote', url: stack.hub.url, clientId: 'till-01', password: PASSWORDS.retailer },
    till: { terminalId: 'TILL0001', merchantId: '123456789012345', merchantName: 'Corner Grocer', merchantCity: 'Cape Town' },
    web, dataDir: 'data',
  }));
  return file;
}

function startWeb(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'till-service', 'main.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /QR Till is ready: (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  ready.catch(() => undefined); // tests that expect a refusal await `exited` instead
  return { child, ready, exited, output: () => output };
}

async function snapshot(url: string) {
  const response = await fetch(`${url}/api/verbs/snapshot`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"payload":null}',
  });
  return ((await response.json()) as { value: { settings: Record<string, unknown>; status: { hub: { state: string } } } }).value;
}

describe('npm run start:web', () => {
  it('serves the till for a remote hub, with saved settings over the file and the command line over both', async () => {
    const config = writeConfig();
    const port = await freePort();
    const first = startWeb(['--config', config, '--port', String(port)]);
    const url = await first.ready;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect((await snapshot(url)).settings).toMatchObject({ hubMode: 'remote', clientId: 'till-01', merchantName: 'Corner Grocer' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({
      hubMode: 'remote', hubUrl: stack.hub.url, clientId: 'till-01', password: PASSWORDS.retailer, terminalId: 'TILL0002',
      merchantId: '123456789012345', merchantName: 'Saved Name', merchantCity: 'Durban', currency: 'ZAR', locale: 'en-ZA',
      payTimeoutSeconds: 40, scanWindowSeconds: 5, customerDisplay: false,
    }));
    const second = startWeb(['--config', config, '--port', String(port), '--client-id', 'till-02'], { TILL_HUB_PASSWORD: PASSWORDS.otherRetailer });
    const settings = (await snapshot(await second.ready)).settings;
    expect(settings).toMatchObject({ merchantName: 'Saved Name', terminalId: 'TILL0002', clientId: 'till-02' });
    expect(second.output()).not.toContain(PASSWORDS.otherRetailer);
  });

  it('applies a hub override with the Settings screen\'s rules: a new hub needs its password', async () => {
    const config = writeConfig();
    const otherHub = `http://127.0.0.1:${await freePort()}`;
    const refused = startWeb(['--config', config, '--port', String(await freePort()), '--hub-url', otherHub]);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain('The hub overrides were refused');
    expect(refused.output()).toContain('password: Enter the password for the new hub or client');

    const port = await freePort();
    const accepted = startWeb(['--config', config, '--port', String(port), '--hub-url', otherHub], { TILL_HUB_PASSWORD: 'other-secret' });
    expect((await snapshot(await accepted.ready)).settings).toMatchObject({ hubMode: 'remote', hubUrl: otherHub });
    accepted.child.kill('SIGTERM');
    await accepted.exited;
    // Saved like a change on the Settings screen: the next start keeps it without the flag.
    const again = startWeb(['--config', config, '--port', String(port)]);
    expect((await snapshot(await again.ready)).settings).toMatchObject({ hubUrl: otherHub });
  });

  it('refuses to start a second till on the same data folder, before starting anything', async () => {
    const config = writeConfig();
    const first = startWeb(['--config', config, '--port', String(await freePort())]);
    await first.ready;
    const second = startWeb(['--config', config, '--port', String(await freePort())]);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/The till cannot start: The till data folder .* is in use by another QR Till \(process \d+/);
    expect(first.child.exitCode).toBeNull();
  });

  it('refuses a hub URL that would send the password in clear over the network, and a non-loopback listen address', async () => {
    const config = writeConfig();
    const insecure = startWeb(['--config', config, '--hub-url', 'http://hub.example.com']);
    expect(await insecure.exited).toBe(2);
    expect(insecure.output()).toContain('invalid --hub-url');

    const exposed = startWeb(['--config', writeConfig({ host: '0.0.0.0' })]);
    expect(await exposed.exited).toBe(2);
    expect(exposed.output()).toContain('invalid config key "web.host": must be a loopback address');
  });

  it('refuses an unknown or misspelt config key at any level with exit 2, naming it', async () => {
    const config = writeConfig({ host: '127.0.0.1', prot: 5180 });
    const refused = startWeb(['--config', config]);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain('invalid config key "web.prot": unknown key');
  });

  it('its port already in use: one line naming the port, the setting and the flag, then exit 4', async () => {
    const taken = await occupyPort();
    try {
      const config = writeConfig();
      const refused = startWeb(['--config', config, '--port', String(taken.port)]);
      expect(await refused.exited).toBe(4);
      expect(refused.output()).toBe(`QR Till cannot listen on 127.0.0.1:${taken.port}: the port is already in use. ` +
        `Change "web.port" in ${config} or start with --port <n>.\n`);
    } finally {
      await taken.close();
    }
  });

  it('loads saved settings without a key an older version did not write (the config\'s value stands in)', async () => {
    const config = writeConfig();
    const port = await freePort();
    const started = startWeb(['--config', config, '--port', String(port)]);
    await started.ready;
    started.child.kill('SIGTERM');
    await started.exited;
    const { customerDisplay: _missing, ...older } = {
      hubMode: 'remote', hubUrl: stack.hub.url, clientId: 'till-01', password: PASSWORDS.retailer, terminalId: 'TILL0003',
      merchantId: '123456789012345', merchantName: 'Older Save', merchantCity: 'Durban', currency: 'ZAR', locale: 'en-ZA',
      payTimeoutSeconds: 40, scanWindowSeconds: 5, customerDisplay: true,
    };
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify(older));
    const again = startWeb(['--config', config, '--port', String(port)]);
    expect((await snapshot(await again.ready)).settings).toMatchObject({ merchantName: 'Older Save', customerDisplay: false });
  });

  it('refuses saved settings the Settings screen could not have written', async () => {
    const config = writeConfig();
    const port = await freePort();
    const started = startWeb(['--config', config, '--port', String(port)]);
    await started.ready;
    started.child.kill('SIGTERM');
    await started.exited;
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ terminalId: 'TOO-LONG-ID' }));
    const refused = startWeb(['--config', config, '--port', String(port)]);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(/saved settings .*settings\.json: invalid config key "terminalId"/);
    // A hand edit's typo is named, not ignored.
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify({ hubURL: 'http://127.0.0.1:1' }));
    const typo = startWeb(['--config', config, '--port', String(port)]);
    expect(await typo.exited).toBe(2);
    expect(typo.output()).toMatch(/saved settings .*settings\.json: invalid config key "hubURL": unknown key/);
  });
});
