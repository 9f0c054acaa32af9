import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../common/logger.js';
import type { TillEngine } from '../../../electron/pos/engine-host.js';
import { defaultPayTimeoutSeconds, type TillSettings } from '../../../electron/pos/settings.js';
import { openTillEngine } from '../../../electron/pos/till-engine.js';
import { startTillService, type RunningTillService } from '../../../till-service/server.js';
import { startStack, type Stack } from '../../support/stack.js';
import type { HubConfigOverrides } from '../../support/stack-config.js';
import { tillSettings } from '../../support/till-settings.js';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';

// Browser mode as a cashier meets it: the real hub and demo partner, the real POS engine with its journal in a temp
// folder, and the till service serving the built renderer, all on loopback.

export const RENDERER_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');

export interface TillWebStack {
  stack: Stack;
  engine: TillEngine;
  service: RunningTillService;
  url: string;
  dataDir: string;
  /** Stops the till service and its engine, then starts both again on the same journal (same URL). */
  restartTill(): Promise<void>;
  /** Stops the till service and its engine (the page loses its event stream); startTill brings them back. */
  stopTill(): Promise<void>;
  /** Starts the till service and its engine again after stopTill, on the same journal and URL (no-op if running). */
  startTill(): Promise<void>;
  close(): Promise<void>;
}

/** Test till settings for a hub at `hubUrl` with the hub's own timeouts (the pay timeout as the till derives it). */
export function tillSettingsFor(
  hubUrl: string, timeouts: { scanWindowSeconds: number; partnerSeconds: number }, overrides: Partial<TillSettings> = {},
): TillSettings {
  const { scanWindowSeconds, partnerSeconds } = timeouts;
  return tillSettings(hubUrl, {
    payTimeoutSeconds: defaultPayTimeoutSeconds(scanWindowSeconds, partnerSeconds),
    scanWindowSeconds,
    outbox: { retryInitialSeconds: 0.2, retryMaxSeconds: 1, confirmAfterSeconds: 60 },
    ...overrides,
  });
}

export async function startTillWebStack(
  options: {
    hub?: HubConfigOverrides; settings?: Partial<TillSettings>;
    /** Writes what the till's data folder should hold before the till first opens it (e.g. a journal of past days). */
    seed?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<TillWebStack> {
  const stack = await startStack({ timeouts: { scanWindowSeconds: 20, partnerSeconds: 5 }, ...options.hub });
  const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-e2e-'));
  await options.seed?.(dataDir);
  const settings = tillSettingsFor(stack.hub.url, stack.config.timeouts, options.settings);
  const logger = createLogger({ level: 'silent' });
  const open = async (port: number) => {
    const engine = await openTillEngine({ dataDir, settings, logger });
    const service = await startTillService({ engine, staticDir: RENDERER_DIR, host: '127.0.0.1', port });
    return { engine, service };
  };
  let till = await open(0);
  let running = true;
  const web: TillWebStack = {
    stack,
    get engine() {
      return till.engine;
    },
    get service() {
      return till.service;
    },
    get url() {
      return till.service.url;
    },
    dataDir,
    async restartTill() {
      await web.stopTill();
      await web.startTill();
    },
    async stopTill() {
      if (!running) return;
      running = false;
      await till.service.close();
      await till.engine.close();
    },
    async startTill() {
      if (running) return;
      till = await open(till.service.port);
      running = true;
    },
    async close() {
      await web.stopTill();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return web;
}

/**
 * Chromium and a till web stack for a test file: started before its tests, closed after them; `cleanUp` runs after
 * each test (closing the pages it opened, restoring what it changed).
 */
export function useTillInChromium(
  started: (browser: Browser, web: TillWebStack) => void, cleanUp: () => Promise<void> | void,
  options: Parameters<typeof startTillWebStack>[0] = {},
): void {
  let browser: Browser | undefined;
  let web: TillWebStack | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    web = await startTillWebStack(options);
    started(browser, web);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });
  afterEach(cleanUp);
}
