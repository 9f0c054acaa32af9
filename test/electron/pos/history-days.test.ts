import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyView, isCalendarDay, localDay } from '../../../electron/pos/history.js';
import { newSale } from '../../../electron/pos/sale-rules.js';
import { TillStore } from '../../../electron/pos/till-store.js';
import { newUuid } from '../../../protocol/index.js';
import { freePort } from '../../support/ports.js';
import { openTill, value, type Till } from './till-support.js';

// History of another day: the journal keeps a week of sales; the day is the till's local calendar day.

const DAY_MS = 86_400_000;
let till: Till | undefined;

afterEach(async () => {
  await till?.close();
  till = undefined;
});

describe('History of another day', () => {
  it('knows a real calendar day from a look-alike', () => {
    for (const day of ['2024-02-29', '2025-12-31', '2025-01-01']) expect(isCalendarDay(day)).toBe(true);
    for (const day of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '25-01-01', '2025-01-01T00:00']) {
      expect(isCalendarDay(day)).toBe(false);
    }
  });

  it('shows the sales of the day asked for, the days the journal holds, and today when no day is given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-pos-'));
    const now = Date.now();
    const store = await TillStore.open(dataDir);
    const older = { ...newSale({ amountMinor: 700 }, newUuid(), 'ZAR', now - 2 * DAY_MS), phase: 'approved' as const,
      partnerName: 'Demo Wallet', dismissed: true, receiptNumber: 'TILL0001-000041' };
    const declined = { ...newSale({ amountMinor: 300 }, newUuid(), 'ZAR', now - 2 * DAY_MS + 1000), phase: 'declined' as const, dismissed: true };
    await store.transact((tx) => {
      tx.put(older);
      tx.put(declined);
    });
    await store.close();
    till = await openTill(`http://127.0.0.1:${await freePort()}`, {}, dataDir);

    const today = value(await till.engine.history());
    expect(today).toMatchObject({ day: localDay(now), today: localDay(now), sales: [], totals: [] });
    expect(today.days).toEqual([localDay(now - 2 * DAY_MS)]);

    const then = value(await till.engine.history(localDay(now - 2 * DAY_MS)));
    expect(then.day).toBe(localDay(now - 2 * DAY_MS));
    expect(then.sales.map((sale) => sale.saleId)).toEqual([declined.saleId, older.saleId]);
    expect(then.totals).toEqual([{ partnerName: 'Demo Wallet', count: 1, amountMinor: 700 }]);
    const csv = value(await till.engine.exportCsv(then.day));
    expect(csv.filename).toBe(`qr-till-${then.day}.csv`);
    expect(csv.csv).toContain(older.saleId);
  });

  it('a receipt counter in the journal goes on after the sales that carried it are gone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-pos-'));
    const store = await TillStore.open(dataDir);
    await store.transact((tx) => {
      expect(tx.nextReceipt()).toBe(1);
      expect(tx.nextReceipt()).toBe(2);
    });
    await store.close();
    const reopened = await TillStore.open(dataDir);
    await reopened.transact((tx) => expect(tx.nextReceipt()).toBe(3));
    await reopened.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(historyView([], 'ZAR', Date.now()).days).toEqual([]);
  });
});
