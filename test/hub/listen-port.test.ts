import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/flows.js';
import { spawnHub, writeConfig, type HubProcess } from '../support/hub-process.js';
import { freePort, occupyPort } from '../support/ports.js';
import { hubConfigFor } from '../support/stack-config.js';

// `npm run hub` as a process, on a port another program holds, and on the port its --port flag names.

describe('the hub\'s listening port', () => {
  let dir: string;
  const hubs: HubProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-port-'));
  });
  afterAll(() => {
    for (const hub of hubs) if (hub.child.exitCode === null && hub.child.signalCode === null) hub.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a port already in use: one line naming the port, the setting and the flag, exit 4, the database untouched', async () => {
    const taken = await occupyPort();
    try {
      const database = join(dir, 'taken.sqlite');
      const configFile = writeConfig(dir, hubConfigFor(taken.port, 9, database));
      const hub = spawnHub(configFile);
      hubs.push(hub);
      expect(await hub.exited).toBe(4);
      expect(hub.output()).toBe(
        `QR Hub cannot listen on 127.0.0.1:${taken.port}: the port is already in use. ` +
        `Change "listen.port" in ${configFile} or start with --port <n>.\n`,
      );
      // It stopped before opening the store: a hub already running on that database keeps its payments.
      expect(existsSync(database)).toBe(false);
    } finally {
      await taken.close();
    }
  });

  it('--port overrides listen.port, and the banner shows the port actually used (--port 0: the one the system chose)', async () => {
    const configPort = await freePort();
    const configFile = writeConfig(dir, hubConfigFor(configPort, 9, join(dir, 'flag.sqlite')));
    for (const flag of [String(await freePort()), '0']) {
      const hub = spawnHub(configFile, ['--port', flag]);
      hubs.push(hub);
      await until(() => hub.output().includes('"msg":"hub listening"'), 'the hub listening', 3000);
      const banner = hub.output().split('\n').find((line) => line.includes('"msg":"hub listening"'))!;
      const url = (JSON.parse(banner) as { url: string }).url;
      const port = Number(new URL(url).port);
      if (flag !== '0') expect(port).toBe(Number(flag));
      expect(port).not.toBe(configPort);
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
    }
  });

  it('refuses a bad --port with exit 2', async () => {
    const hub = spawnHub(writeConfig(dir, hubConfigFor(1, 9, join(dir, 'bad.sqlite'))), ['--port', '70000']);
    hubs.push(hub);
    expect(await hub.exited).toBe(2);
    expect(hub.output()).toContain('invalid --port "70000"');
  });
});
