import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newUuid } from '../../../protocol/index.js';
import { LOCK_FILE } from '../../../electron/pos/data-lock.js';
import { JOURNAL_FILE, JournalCorruptError, JournalSetAsideError } from '../../../electron/pos/journal.js';
import type { SaleRecord } from '../../../electron/pos/sale-record.js';
import { KEEP_SALES_MS, newSale, payAnswered, qrIssued } from '../../../electron/pos/sale-rules.js';
import { openTillEngine } from '../../../electron/pos/till-engine.js';
import { paymentRequest } from '../../../electron/pos/till-messages.js';
import { TillStore } from '../../../electron/pos/till-store.js';
import { freePort } from '../../support/ports.js';
import { openTill, tillSettings, value, type Till } from './till-support.js';
import { createLogger } from '../../../common/logger.js';

// The journal: written through before anything is acted on, atomic under a crash, never silently dropped.

const dirs: string[] = [];
let till: Till | undefined;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qrtill-journal-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await till?.close();
  till = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const settings = tillSettings('http://127.0.0.1:9');

function sale(amountMinor: number, startedAt = Date.now()): SaleRecord {
  return { ...newSale({ amountMinor }, newUuid(), 'ZAR', startedAt), phase: 'declined', dismissed: true };
}

function paying(amountMinor: number, phase: 'awaiting-scan' | 'awaiting-approval' = 'awaiting-scan'): SaleRecord {
  const now = Date.now();
  const fresh = newSale({ amountMinor }, newUuid(), 'ZAR', now);
  const tranId = newUuid().replace(/-/g, '');
  return { ...qrIssued(fresh, { tranId, qrPayload: 'qr', payRequest: paymentRequest(settings, fresh, tranId, now) }, 5, now), phase };
}

describe('journal', () => {
  it('a fault between writing the temp file and the rename leaves the previous state, in memory and on disk', async () => {
    const dir = tempDir();
    let fail = false;
    const store = await TillStore.open(dir, { beforeRename: () => {
      if (fail) throw new Error('power cut');
    } });
    const first = sale(100);
    await store.transact((tx) => tx.put(first));
    const before = readFileSync(join(dir, JOURNAL_FILE), 'utf8');

    fail = true;
    await expect(store.transact((tx) => tx.put(sale(200)))).rejects.toThrow('power cut');
    expect(store.all()).toEqual([first]);
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual([JOURNAL_FILE]);

    // The store carries on with the next transaction; a reopened store sees exactly what was committed.
    fail = false;
    const third = sale(300);
    await store.transact((tx) => tx.put(third));
    await store.close();
    const reopened = await TillStore.open(dir);
    expect(reopened.all()).toEqual([first, third]);
  });

  it('a half-written temp file left by a crash is ignored (and cleared) on open', async () => {
    const dir = tempDir();
    const store = await TillStore.open(dir);
    const kept = sale(100);
    await store.transact((tx) => tx.put(kept));
    await store.close();
    const full = readFileSync(join(dir, JOURNAL_FILE), 'utf8');
    writeFileSync(join(dir, `${JOURNAL_FILE}.tmp-4242-7`), full.slice(0, Math.floor(full.length / 2)));

    till = await openTill('http://127.0.0.1:9', {}, dir);
    expect(value(await till.engine.history()).sales.map((s) => s.saleId)).toEqual([kept.saleId]);
    expect(readdirSync(dir).sort()).toEqual([JOURNAL_FILE, LOCK_FILE]);
  });

  it('a corrupt journal is moved aside and the engine refuses to open rather than forget advices', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, JOURNAL_FILE), '{"format":"qr-till-journal","version":1,"sales":[{"saleId":');
    const opening = openTillEngine({ dataDir: dir, settings, logger: createLogger({ level: 'silent' }) });
    await expect(opening).rejects.toBeInstanceOf(JournalCorruptError);
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${JOURNAL_FILE.replace('.', '\\.')}\\.corrupt-\\d{4}-\\d{2}-\\d{2}T`));
    expect(readFileSync(join(dir, names[0]!), 'utf8')).toContain('"saleId":');
  });

  it('keeps refusing while the set-aside journal is in the folder, saying what to do; opens once it is moved out', async () => {
    const dir = tempDir();
    const store = await TillStore.open(dir);
    const owing = paying(77);
    await store.transact((tx) => tx.put(owing));
    await store.close();
    writeFileSync(join(dir, JOURNAL_FILE), readFileSync(join(dir, JOURNAL_FILE), 'utf8').slice(0, 40));
    const open = () => openTillEngine({ dataDir: dir, settings, logger: createLogger({ level: 'silent' }) });
    const first = await open().then(() => undefined, (error: unknown) => error);
    expect(first).toBeInstanceOf(JournalCorruptError);
    const setAside = (first as JournalCorruptError).movedTo;
    expect((first as Error).message).toContain('support');

    // A second open must not start empty: the advice the set-aside journal owes would be forgotten.
    for (let attempt = 0; attempt < 2; attempt++) {
      const again = await open().then(() => undefined, (error: unknown) => error);
      expect(again).toBeInstanceOf(JournalSetAsideError);
      const message = (again as Error).message;
      expect(message).toContain(setAside);
      expect(message).toMatch(/Give .* to support/);
      expect(message).toContain(`move it out of ${dir}`);
    }
    expect(readdirSync(dir)).toEqual([setAside.slice(dir.length + 1)]);

    // The operator hands the file on and moves it out: the till starts afresh.
    const handedOn = tempDir();
    renameSync(setAside, join(handedOn, 'for-support.json'));
    till = await openTill('http://127.0.0.1:9', {}, dir);
    expect(value(await till.engine.history()).sales).toEqual([]);
  });

  it('a journal that parses but breaks the rules (an open advice without its message) is corrupt too', async () => {
    const dir = tempDir();
    const broken = { ...sale(5), advice: { kind: 'reversal', state: 'pending', adviceId: newUuid(), queuedAt: new Date().toISOString(), attempts: 0 } };
    writeFileSync(join(dir, JOURNAL_FILE), JSON.stringify({ format: 'qr-till-journal', version: 1, savedAt: new Date().toISOString(), sales: [broken] }));
    await expect(TillStore.open(dir)).rejects.toBeInstanceOf(JournalCorruptError);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
  });
});

describe('recovery on open', () => {
  it('reverses pays in flight, drops QR requests in flight, releases held confirmations and prunes old final sales', async () => {
    const dir = tempDir();
    const store = await TillStore.open(dir);
    const now = Date.now();
    const creating = { ...newSale({ amountMinor: 1 }, newUuid(), 'ZAR', now - 4000), dismissed: true };
    const scanning = { ...paying(2), startedAt: new Date(now - 3000).toISOString(), dismissed: true };
    const approving = { ...paying(3, 'awaiting-approval'), startedAt: new Date(now - 2000).toISOString(), dismissed: true };
    const response = { kind: 'response' as const, status: 201, text: '', body: { partner: { id: 'demo-wallet', name: 'Demo Wallet' } } };
    const approved = { ...payAnswered(paying(4), response, 60, now), startedAt: new Date(now - 1000).toISOString() };
    const old = sale(5, now - KEEP_SALES_MS - 60_000);
    const oldOwing = { ...paying(6), startedAt: new Date(now - KEEP_SALES_MS - 60_000).toISOString(), dismissed: true };
    const delivered = (partnerOutcome: 'pending' | 'refused', amountMinor: number): SaleRecord => ({
      ...sale(amountMinor, now - KEEP_SALES_MS - 60_000), phase: 'approved', tranId: newUuid().replace(/-/g, ''),
      advice: {
        kind: 'confirmation', state: 'delivered', adviceId: newUuid(), queuedAt: new Date(now - KEEP_SALES_MS).toISOString(),
        attempts: 1, finishedAt: new Date(now - KEEP_SALES_MS).toISOString(), partnerOutcome,
      },
    });
    const oldRefused = delivered('refused', 7);
    const oldAwaitingPartner = delivered('pending', 8);
    await store.transact((tx) => [creating, scanning, approving, approved, old, oldOwing, oldRefused, oldAwaitingPartner]
      .forEach((record) => tx.put(record)));
    await store.close();

    till = await openTill(`http://127.0.0.1:${await freePort()}`, { outbox: { retryInitialSeconds: 60, retryMaxSeconds: 60 } }, dir);
    // What the engine wrote (read as a file: a second store would clear the engine's temp files).
    const journal = JSON.parse(readFileSync(join(dir, JOURNAL_FILE), 'utf8')) as { sales: SaleRecord[] };
    const byId = new Map(journal.sales.map((record) => [record.saleId, record]));
    expect(byId.get(creating.saleId)).toMatchObject({ phase: 'not-completed', outcome: { reason: 'qr-failed' } });
    expect(byId.get(creating.saleId)!.advice).toBeUndefined();
    for (const record of [scanning, approving]) {
      expect(byId.get(record.saleId)).toMatchObject({
        phase: 'not-completed', outcome: { reason: 'outcome-unknown' },
        advice: { kind: 'reversal', reversalReason: 'TIMEOUT', message: { requestId: record.payRequest!.id } },
      });
    }
    expect(byId.get(approved.saleId)).toMatchObject({ phase: 'approved', advice: { kind: 'confirmation', state: 'pending' } });
    expect(byId.has(old.saleId)).toBe(false);
    // An old sale still owing the hub an advice is kept until the advice is final.
    expect(byId.get(oldOwing.saleId)?.advice).toMatchObject({ kind: 'reversal', reversalReason: 'TIMEOUT' });
    // So is one a wallet provider refused (someone must reconcile it), or whose partner outcome is still unknown.
    expect(byId.get(oldRefused.saleId)?.advice).toMatchObject({ partnerOutcome: 'refused' });
    expect(byId.get(oldAwaitingPartner.saleId)?.advice).toMatchObject({ partnerOutcome: 'pending' });
    expect(value(await till.engine.snapshot())).toMatchObject({
      current: { saleId: approved.saleId, phase: 'approved', advice: { delivery: 'pending' } },
      status: { outbox: { pending: 4, rejected: 0, partnerRefused: 1 } },
    });
    expect(await till.engine.voidSale(approved.saleId)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });
});
