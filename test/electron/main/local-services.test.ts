import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../hub/config.js';
import { localServices, localServiceSpecs } from '../../../electron/main/local-services.js';
import { createServiceSupervisor } from '../../../electron/main/service-supervisor.js';
import { HUB_NODE_FLAGS } from '../../../scripts/hub-node-flags.mjs';
import { freePort } from '../../support/ports.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HUB_CONFIG = join(ROOT, 'config', 'hub.local.json');
const PARTNER_CONFIG = join(ROOT, 'config', 'partner.local.json');
const dir = mkdtempSync(join(tmpdir(), 'till-local-services-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  hubConfig: HUB_CONFIG,
  partnerConfig: PARTNER_CONFIG,
  execPath: '/opt/QR Till/qr-till',
  env: { PATH: '/usr/bin', npm_node_execpath: '/usr/local/bin/node', ELECTRON_RUN_AS_NODE: '1' },
};

describe('localServiceSpecs', () => {
  it('development: the npm Node on dist/hub.mjs with the hub flags, and partner/main.ts through tsx', () => {
    const [hub, partner] = localServiceSpecs({ ...base, appRoot: ROOT, isPackaged: false });
    expect(hub).toEqual({
      name: 'hub',
      command: '/usr/local/bin/node',
      args: [...HUB_NODE_FLAGS, join(ROOT, 'dist', 'hub.mjs'), '--config', HUB_CONFIG],
      cwd: ROOT,
      env: { PATH: '/usr/bin', npm_node_execpath: '/usr/local/bin/node', LOG_LEVEL: 'warn', QRTILL_SUPERVISED: '1' },
      healthUrl: 'http://127.0.0.1:8480/health',
      finalExits: {
        4: `QR Hub cannot listen on 127.0.0.1:8480: the port is already in use. Change "listen.port" in ${HUB_CONFIG} ` +
          'or start with --hub-port <n>.',
      },
    });
    expect(partner).toMatchObject({
      name: 'partner',
      command: '/usr/local/bin/node',
      args: ['--import', 'tsx', join(ROOT, 'partner', 'main.ts'), '--config', PARTNER_CONFIG],
      healthUrl: 'http://127.0.0.1:8490/health',
      finalExits: {
        4: `Demo Wallet cannot listen on 127.0.0.1:8490: the port is already in use. Change "listen.port" in ${PARTNER_CONFIG} ` +
          'or start with --wallet-port <n>.',
      },
    });
    expect(partner!.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
  });

  it('--hub-port and --wallet-port: each program listens on its own, and the URLs that name it follow', () => {
    const local = localServices({ ...base, appRoot: ROOT, isPackaged: false, hubPort: 18480, walletPort: 18490 });
    const [hub, partner] = local.specs;
    expect(local).toMatchObject({ hubUrl: 'http://127.0.0.1:18480', walletUrl: 'http://127.0.0.1:18490' });
    expect(hub!.args.slice(-6)).toEqual([
      '--config', HUB_CONFIG, '--port', '18480', '--partner-url', 'demo-wallet=http://127.0.0.1:18490/qr/v1',
    ]);
    expect(partner!.args.slice(-6)).toEqual([
      '--config', PARTNER_CONFIG, '--hub-url', 'http://127.0.0.1:18480/qr/v1', '--port', '18490',
    ]);
    expect([hub!.healthUrl, partner!.healthUrl]).toEqual(['http://127.0.0.1:18480/health', 'http://127.0.0.1:18490/health']);
    expect(hub!.finalExits?.[4]).toContain('127.0.0.1:18480');
    expect(partner!.finalExits?.[4]).toContain('127.0.0.1:18490');
    expect(localServices({ ...base, appRoot: ROOT, isPackaged: false }))
      .toMatchObject({ hubUrl: 'http://127.0.0.1:8480', walletUrl: 'http://127.0.0.1:8490' });
  });

  it('development without npm: plain node from PATH', () => {
    const [hub] = localServiceSpecs({ ...base, env: { PATH: '/usr/bin' }, appRoot: ROOT, isPackaged: false });
    expect(hub!.command).toBe('node');
  });

  it('packaged: Electron as Node on the unpacked bundles', () => {
    const asar = '/opt/QR Till/resources/app.asar';
    const unpacked = `${asar}.unpacked`;
    const [hub, partner] = localServiceSpecs({ ...base, appRoot: asar, isPackaged: true });
    expect(hub).toMatchObject({
      command: '/opt/QR Till/qr-till',
      args: [...HUB_NODE_FLAGS, join(unpacked, 'dist', 'hub.mjs'), '--config', HUB_CONFIG],
      cwd: unpacked,
    });
    expect(partner).toMatchObject({
      command: '/opt/QR Till/qr-till',
      args: [join(unpacked, 'dist', 'partner.mjs'), '--config', PARTNER_CONFIG],
      cwd: unpacked,
    });
    expect(hub!.env.ELECTRON_RUN_AS_NODE).toBe('1');
    expect(partner!.env.ELECTRON_RUN_AS_NODE).toBe('1');
  });

  it('names a broken hub or partner config as a ConfigError', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"listen": {"port": "x"}}');
    expect(() => localServiceSpecs({ ...base, hubConfig: broken, appRoot: ROOT, isPackaged: false })).toThrow(ConfigError);
    expect(() => localServiceSpecs({ ...base, partnerConfig: broken, appRoot: ROOT, isPackaged: false })).toThrow(ConfigError);
    expect(() => localServiceSpecs({ ...base, partnerConfig: join(dir, 'missing.json'), appRoot: ROOT, isPackaged: false }))
      .toThrow(ConfigError);
  });

  it('the development specs really start the bundled hub and the demo partner', async () => {
    if (!existsSync(join(ROOT, 'dist', 'hub.mjs'))) {
      expect(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status).toBe(0);
    }
    const [hubPort, partnerPort] = [await freePort(), await freePort()];
    const hubConfig = JSON.parse(readFileSync(HUB_CONFIG, 'utf8'));
    hubConfig.listen.port = hubPort;
    hubConfig.database = join(dir, 'hub.sqlite');
    hubConfig.log = { level: 'warn' };
    hubConfig.partners[0].url = `http://127.0.0.1:${partnerPort}/qr/v1`;
    const partnerConfig = JSON.parse(readFileSync(PARTNER_CONFIG, 'utf8'));
    partnerConfig.listen.port = partnerPort;
    partnerConfig.hub.url = `http://127.0.0.1:${hubPort}/qr/v1`;
    writeFileSync(join(dir, 'hub.json'), JSON.stringify(hubConfig));
    writeFileSync(join(dir, 'partner.json'), JSON.stringify(partnerConfig));

    const specs = localServiceSpecs({
      appRoot: ROOT, isPackaged: false, hubConfig: join(dir, 'hub.json'), partnerConfig: join(dir, 'partner.json'),
      execPath: process.execPath, env: { ...process.env, npm_node_execpath: process.execPath },
    });
    expect(specs.map((spec) => spec.healthUrl)).toEqual([
      `http://127.0.0.1:${hubPort}/health`, `http://127.0.0.1:${partnerPort}/health`,
    ]);
    const supervisor = createServiceSupervisor({ specs, healthIntervalMs: 100 });
    try {
      supervisor.start();
      const deadline = Date.now() + 25_000;
      while (Object.values(supervisor.states()).some((state) => state !== 'running')) {
        if (Date.now() > deadline) throw new Error(`not running: ${JSON.stringify(supervisor.states())}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await fetch(specs[0]!.healthUrl)).status).toBe(200);
      expect((await fetch(specs[1]!.healthUrl)).status).toBe(200);
    } finally {
      await supervisor.stop();
    }
    await expect(fetch(specs[0]!.healthUrl)).rejects.toThrow();
  });
});
