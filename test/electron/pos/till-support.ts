import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createLogger } from '../../../common/logger.js';
import type { SaleView, TillEvent } from '../../../electron/preload/bridge-types.js';
import type { TillEngine, TillEngineOptions } from '../../../electron/pos/engine-host.js';
import type { TillSettings } from '../../../electron/pos/settings.js';
import { openTillEngine } from '../../../electron/pos/till-engine.js';
import { until } from '../../support/flows.js';
import type { Stack } from '../../support/stack.js';
import { tillSettings } from '../../support/till-settings.js';

export { tillSettings };

// A real POS engine on a temp data folder, talking to the test stack's real hub and demo partner.

export interface LogLine {
  time: string;
  level: string;
  msg: string;
  [key: string]: unknown;
}

export interface Till {
  engine: TillEngine;
  dataDir: string;
  events: TillEvent[];
  logs: string[];
  settings: TillSettings;
  /** Parsed log lines with this message. */
  logged(msg: string): LogLine[];
  /** Closes the engine and opens a new one on the same journal. */
  reopen(overrides?: Partial<TillSettings>): Promise<void>;
  close(): Promise<void>;
}

export async function openTill(hubUrl: string, overrides: Partial<TillSettings> = {}, dataDir?: string,
  options: Pick<TillEngineOptions, 'journalHooks' | 'now'> = {}): Promise<Till> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'qrtill-pos-'));
  const logs: string[] = [];
  const events: TillEvent[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  let settings = tillSettings(hubUrl, overrides);
  const open = async () => {
    const engine = await openTillEngine({ ...options, dataDir: dir, settings, logger });
    engine.subscribe((event) => events.push(event));
    return engine;
  };
  let engine = await open();
  const till: Till = {
    get engine() {
      return engine;
    },
    dataDir: dir,
    events,
    logs,
    get settings() {
      return settings;
    },
    logged: (msg) => logs.map((line) => JSON.parse(line) as LogLine).filter((line) => line.msg === msg),
    async reopen(more = {}) {
      await engine.close();
      settings = { ...settings, ...more };
      engine = await open();
    },
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return till;
}

export function value<T>(result: { ok: true; value: T } | { ok: false; code: string; message: string }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.value;
}

/** The sale as the till shows it now (history holds every sale of today). */
export async function saleOf(engine: TillEngine, saleId: string): Promise<SaleView> {
  const sale = value(await engine.history()).sales.find((candidate) => candidate.saleId === saleId);
  if (!sale) throw new Error(`sale ${saleId} not in today's history`);
  return sale;
}

export async function waitForSale(engine: TillEngine, saleId: string, check: (sale: SaleView) => boolean, what: string,
  tries = 1000): Promise<SaleView> {
  let last: SaleView | undefined;
  await until(async () => check(last = await saleOf(engine, saleId)), `${what} (last: ${JSON.stringify(last)})`, tries);
  return last!;
}

/** Charges and waits until the hub holds the pay call, so a scan can be linked. */
export async function chargeAndHold(stack: Stack, engine: TillEngine, amountMinor = 1234): Promise<SaleView> {
  const sale = value(await engine.charge({ amountMinor }));
  expect(sale.phase).toBe('awaiting-scan');
  await stack.waitForState(sale.tranId!, 'AWAITING_SCAN');
  return sale;
}

export async function scan(stack: Stack, sale: SaleView): Promise<void> {
  const outcome = await stack.partner.scan({ qrPayload: sale.qrPayload! });
  expect(outcome.status).toBe(202);
}

/** A sale approved by the demo partner, its confirmation held. */
export async function approvedSale(stack: Stack, engine: TillEngine, amountMinor = 1234): Promise<SaleView> {
  const sale = await chargeAndHold(stack, engine, amountMinor);
  await scan(stack, sale);
  return waitForSale(engine, sale.saleId, (s) => s.phase === 'approved', 'approval');
}

/** The partner's reservation for a tranId (keyed by the hub's upstream payment id). */
export function reservationOf(stack: Stack, tranId: string) {
  return Object.values(stack.partner.ledger.snapshot().reservations).find((entry) => entry.tranId === tranId);
}

export async function hubTransaction(stack: Stack, tranId: string) {
  const answer = await stack.get(`/hub/v1/transactions/${tranId}`);
  expect(answer.status).toBe(200);
  return answer.body as {
    state: string;
    payment?: { id: string; state: string };
    advices: { kind: string; id: string }[];
    events: { type: string; detail?: Record<string, unknown> }[];
  };
}

/** Secrets never reach the logs. */
export function expectNoSecretsLogged(logs: string[], secrets: string[]): void {
  const text = logs.join('\n');
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
}
