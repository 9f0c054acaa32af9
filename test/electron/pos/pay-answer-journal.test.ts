import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, type JournalHooks } from '../../../electron/pos/journal.js';
import type { SaleRecord } from '../../../electron/pos/sale-record.js';
import { until } from '../../support/flows.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import {
  approvedSale, chargeAndHold, hubTransaction, openTill, reservationOf, scan, value, waitForSale, type Till,
} from './till-support.js';

// A journal that will not take the pay answer (a full disk, a file held by a virus scanner), injected through the
// journal's fault hook; the hub and the partner are real.

let stack: Stack;
let till: Till | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  till = undefined;
});

const APPROVED = '"phase":"approved"';

async function onDisk(t: Till, saleId: string): Promise<SaleRecord | undefined> {
  const journal = JSON.parse(await readFile(join(t.dataDir, JOURNAL_FILE), 'utf8')) as { sales: SaleRecord[] };
  return journal.sales.find((sale) => sale.saleId === saleId);
}

describe('writing the pay answer', () => {
  it('is tried again after a failed write, with the answer kept meanwhile: the approval is recorded', async () => {
    let refusals = 0;
    const journalHooks: JournalHooks = {
      beforeRename: async (temp) => {
        if ((await readFile(temp, 'utf8')).includes(APPROVED) && refusals < 2) {
          refusals += 1;
          throw new Error('EBUSY: file held by another program');
        }
      },
    };
    till = await openTill(stack.hub.url, {}, undefined, { journalHooks });
    const sale = await approvedSale(stack, till.engine);
    expect(refusals).toBe(2);
    expect(till.logged('could not write the pay answer, trying again')).toHaveLength(2);
    expect(await onDisk(till, sale.saleId)).toMatchObject({ phase: 'approved', advice: { kind: 'confirmation', state: 'held' } });
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    await until(() => reservationOf(stack, sale.tranId!)?.state === 'captured', 'captured');
  });

  it('that fails for good leaves the sale paying on disk and shows it as not completed; New sale then reverses it', async () => {
    let failing = false;
    const journalHooks: JournalHooks = {
      beforeRename: async (temp) => {
        if ((await readFile(temp, 'utf8')).includes(APPROVED)) failing = true;
        if (failing) throw new Error('ENOSPC: no space left on device');
      },
    };
    till = await openTill(stack.hub.url, {}, undefined, { journalHooks });
    const charged = await chargeAndHold(stack, till.engine);
    await scan(stack, charged);
    const t = till;
    await until(() => t.logged('the pay answer could not be written to the journal: the sale is reversed by its next write or the next open').length === 1,
      'the answer given up on', 1000);

    // Not stuck on "waiting": the screen shows what the next write (or open) will make of the sale.
    const shown = { phase: 'not-completed', outcome: { reason: 'outcome-unknown' }, advice: { kind: 'reversal', reversalReason: 'TIMEOUT' } };
    const sales = till.events.flatMap((event) => (event.type === 'sale' ? [event.sale] : []));
    expect(sales.at(-1)).toMatchObject({ saleId: charged.saleId, ...shown });
    expect(value(await till.engine.snapshot()).current).toMatchObject(shown);
    expect(await onDisk(till, charged.saleId)).toMatchObject({ phase: 'awaiting-approval' });
    expect(await till.engine.charge({ amountMinor: 1 })).toMatchObject({ ok: false, code: 'BUSY' });

    // New sale while the disk still fails: refused, nothing changes.
    expect(await till.engine.dismiss(charged.saleId)).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(await onDisk(till, charged.saleId)).toMatchObject({ phase: 'awaiting-approval' });

    // The disk recovers: New sale writes the sale as shown, and the reversal undoes the approval at the hub.
    failing = false;
    expect(value(await till.engine.dismiss(charged.saleId))).toBeNull();
    expect(await onDisk(till, charged.saleId)).toMatchObject({ ...shown, dismissed: true, advice: { message: { requestId: expect.any(String) } } });
    await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    await until(() => reservationOf(stack, charged.tranId!)?.state === 'released', 'the partner released');
    await until(async () => (await hubTransaction(stack, charged.tranId!)).state === 'REVERSED', 'hub reversed');
    expect(value(await till.engine.charge({ amountMinor: 1 })).phase).toBe('awaiting-scan');
  });
});
