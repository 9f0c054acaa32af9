import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../hub/auth/password-hash.js';
import { ConfigError, loadHubConfig, parseHubConfig } from '../../hub/config.js';
import { buildQrPayload, parseQrPayload } from '../../protocol/index.js';
import { sampleCreateQrCodeRequest, samplePaymentRequest } from '../support/fixtures.js';
import { expectError, until } from '../support/flows.js';
import { call } from '../support/hub-client.js';
import { spawnHub, waitForHealth, writeConfig } from '../support/hub-process.js';
import { freePort } from '../support/ports.js';
import { AUTH } from '../support/stack.js';
import { hubConfigFor } from '../support/stack-config.js';

const ROOT = join(import.meta.dirname, '..', '..');

function runHubWith(configFile: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'hub', 'main.ts'), '--config', configFile], {
    cwd: ROOT, encoding: 'utf8', timeout: 20_000,
  });
}

describe('hub configuration and lifecycle', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing config file and an invalid key with exit status 2 and the key named', () => {
    const missing = runHubWith(join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read config file');
    const bad = hubConfigFor(1, 2, 'x.sqlite') as Record<string, any>;
    bad.timeouts.partnerSeconds = -1;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const invalid = runHubWith(file);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('timeouts.partnerSeconds');
  });

  it('refuses an unknown or misspelt key at any level with exit status 2, naming it; the shipped config loads', () => {
    for (const [label, change, key] of [
      ['top level', (config: Record<string, any>) => { config.databse = 'x.sqlite'; }, 'databse'],
      ['listen', (config: Record<string, any>) => { config.listen.prot = 8480; }, 'listen.prot'],
      ['a client', (config: Record<string, any>) => { config.clients[0].passwd = 'x'; }, 'clients.0.passwd'],
      ['a partner', (config: Record<string, any>) => { config.partners[0].timeout = 5; }, 'partners.0.timeout'],
      ['saf', (config: Record<string, any>) => { config.saf.retryMax = 5; }, 'saf.retryMax'],
    ] as const) {
      const config = hubConfigFor(1, 2, 'x.sqlite') as Record<string, any>;
      change(config);
      const file = join(dir, `unknown-${key}.json`);
      writeFileSync(file, JSON.stringify(config));
      const run = runHubWith(file);
      expect(run.status, label).toBe(2);
      expect(run.stderr, label).toContain(`invalid config key "${key}": unknown key`);
    }
    expect(() => loadHubConfig(join(ROOT, 'config', 'hub.local.json'))).not.toThrow();
  });

  it('refuses a QR provider id too long for the QR template, and builds a payload with the longest one allowed', () => {
    const config = hubConfigFor(1, 2, 'x.sqlite') as Record<string, any>;
    config.qr.providerId = 'p'.repeat(60);
    expect(() => parseHubConfig(config, dir)).toThrow(/qr\.providerId/);
    config.qr.providerId = 'p'.repeat(59);
    const parsed = parseHubConfig(config, dir);
    const payload = buildQrPayload({ providerId: parsed.qr.providerId, tranId: 'a'.repeat(32), templateTag: 26 });
    expect(parseQrPayload(payload, parsed.qr.providerId)?.tranId).toBe('a'.repeat(32));
  });

  it('names the key of a client with both or neither password and passwordHash, and resolves paths against the config folder', () => {
    const config = hubConfigFor(1, 2, 'data/hub.sqlite') as Record<string, any>;
    expect(parseHubConfig(config, '/srv/qr').database).toBe('/srv/qr/data/hub.sqlite');
    config.clients[0] = { id: 'till-01', role: 'retailer' };
    expect(() => parseHubConfig(config, dir)).toThrow(ConfigError);
    expect(() => parseHubConfig(config, dir)).toThrow(/clients\.0/);
  });

  it('accepts a scrypt passwordHash, and on SIGTERM fails held payments cleanly and exits 0', async () => {
    const port = await freePort();
    const config = hubConfigFor(port, 9, join(dir, 'lifecycle.sqlite'), { timeouts: { scanWindowSeconds: 30 } }) as Record<string, any>;
    config.clients[0] = { id: 'till-01', role: 'retailer', passwordHash: await hashPassword(AUTH.retailer.password) };
    const hub = spawnHub(writeConfig(dir, config));
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitForHealth(url, hub);
      const wrong = await call(url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: { username: 'till-01', password: 'x' } });
      expect(wrong.status).toBe(401);
      const created = await call(url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
      expect(created.status).toBe(201);
      const held = call(url + '/qr/v1/payments', { body: samplePaymentRequest(created.body.tranId), auth: AUTH.retailer });
      await until(async () => (await call(`${url}/hub/v1/transactions/${created.body.tranId}`, { auth: AUTH.retailer })).body.state === 'AWAITING_SCAN', 'held');
      hub.child.kill('SIGTERM');
      expectError(await held, '/payments', 400, 'NO_SCAN_RECEIVED');
      expect(await hub.exited).toBe(0);
      expect(hub.output()).toContain('hub stopped');
    } finally {
      if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
    }
  });
});
