import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createLogger } from '../../common/logger.js';
import { startPartner, type RunningPartner } from '../../partner/server.js';
import { spawnHub, waitForHealth, writeConfig, type HubProcess } from './hub-process.js';
import { freePort } from './ports.js';
import { hubConfigFor, partnerConfigFor, type HubConfigOverrides } from './stack-config.js';

// The hub as a real process over its own SQLite file, beside an in-process Demo Wallet, for tests that kill -9 it.

export interface KillableHub {
  readonly partner: RunningPartner;
  readonly url: string;
  /** The hub process started last. */
  readonly process: HubProcess;
  /** Starts the hub (again) on the same config and database, and waits until it is healthy. */
  start(): Promise<void>;
  /** kill -9: no shutdown of any kind. */
  crash(): Promise<void>;
}

/** Registers the per-file hooks; the hub is killed after each test, the partner and the folder at the end. */
export function useKillableHub(folderPrefix: string, overrides: HubConfigOverrides): KillableHub {
  let dir: string;
  let partner: RunningPartner;
  let configFile: string;
  let url: string;
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), folderPrefix));
    const [hubPort, partnerPort] = [await freePort(), await freePort()];
    partner = await startPartner(partnerConfigFor(partnerPort, hubPort), { logger: createLogger({ level: 'silent' }) });
    const config = hubConfigFor(hubPort, partnerPort, join(dir, 'hub.sqlite'), overrides);
    configFile = writeConfig(dir, { ...config, log: { level: 'info' } });
    url = `http://127.0.0.1:${hubPort}`;
  });
  afterEach(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.exited;
    }
  });
  afterAll(async () => {
    await partner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get partner() {
      return partner;
    },
    get url() {
      return url;
    },
    get process() {
      return hub!;
    },
    async start() {
      hub = spawnHub(configFile);
      await waitForHealth(url, hub);
    },
    async crash() {
      hub!.child.kill('SIGKILL');
      expect(await hub!.exited).toBeNull();
    },
  };
}
