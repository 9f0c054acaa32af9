import { describe, expect, it } from 'vitest';
import { salesCsv } from '../../../electron/pos/history.js';
import { upstreamFinding } from '../../../electron/pos/partner-outcome.js';
import { until } from '../../support/flows.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import {
  approvedSale, hubTransaction, openTill, reservationOf, value, waitForSale, type Till,
} from './till-support.js';

// A confirmation or reversal the hub took (202) but the partner then refused (docs/protocol.md §8: 400, or 404 to a
// confirmation) reaches the till through the hub's timeline; a 404 to a reversal is done, not refused.

let stack: Stack;
let till: Till | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  till = undefined;
});

const REFUSED_LOG = 'the partner refused the advice the hub forwarded: reconcile this sale by hand';

async function csvRowOf(engine: Till['engine'], saleId: string): Promise<Record<string, string>> {
  const csv = value(await engine.exportCsv()).csv.split('\r\n');
  const header = csv[0]!.split(',');
  const row = csv.find((line) => line.includes(saleId))!.split(',');
  return Object.fromEntries(header.map((name, index) => [name, row[index]!]));
}

describe('the partner outcome of an advice the hub accepted', () => {
  it('a confirmation the partner refuses (400) is shown as refused: counted in the status, out of the totals, in the CSV', async () => {
    stack.partner.setBehaviour({ confirm: { mode: 'decline', errorType: 'GENERAL_ERROR' } });
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    value(await till.engine.dismiss(sale.saleId));

    const refused = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'refused', 'the refusal');
    expect(refused.advice).toMatchObject({ kind: 'confirmation', delivery: 'delivered', partnerOutcome: 'refused', partnerStatus: '400' });
    expect(Date.parse(refused.advice!.partnerFinishedAt!)).not.toBeNaN();
    const hub = await hubTransaction(stack, sale.tranId!);
    expect(hub.events.map((event) => event.type)).toContain('advice.failed');

    await until(async () => value(await till!.engine.snapshot()).status.outbox.partnerRefused === 1, 'the status count');
    expect(value(await till.engine.snapshot()).status.outbox).toMatchObject({ pending: 0, rejected: 0, partnerRefused: 1 });
    expect(till.events).toContainEqual({ type: 'status', status: expect.objectContaining({ outbox: expect.objectContaining({ partnerRefused: 1 }) }) });
    expect(value(await till.engine.history()).totals).toEqual([]);
    expect(await csvRowOf(till.engine, sale.saleId)).toMatchObject({
      adviceDelivery: 'delivered', partnerOutcome: 'refused', reconcile: 'yes', terminalId: 'TILL0001',
    });
    expect(till.logged(REFUSED_LOG)).toEqual([expect.objectContaining({ level: 'error', saleId: sale.saleId, kind: 'confirmation' })]);
  });

  it('a confirmation the partner accepts is followed to accepted and counted in the totals', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine, 4321);
    value(await till.engine.dismiss(sale.saleId));
    const accepted = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'the acceptance');
    expect(accepted.advice).toMatchObject({ delivery: 'delivered', partnerStatus: '202' });
    expect(reservationOf(stack, sale.tranId!)?.state).toBe('captured');
    expect(value(await till.engine.history()).totals).toEqual([{ partnerName: 'Demo Wallet', count: 1, amountMinor: 4321 }]);
    expect(value(await till.engine.snapshot()).status.outbox.partnerRefused).toBe(0);
    expect(await csvRowOf(till.engine, sale.saleId)).toMatchObject({ partnerOutcome: 'accepted', reconcile: '' });
    expect(till.logged(REFUSED_LOG)).toEqual([]);
  });

  it('the hub\'s upstream delivery wakes the check at once: no waiting for the next backoff check', async () => {
    // The partner fails the confirmation (the hub keeps retrying it) until the till's own check has found it pending;
    // the next backoff check would come ten minutes later, so only the tranId's event stream can bring the acceptance.
    stack.partner.setBehaviour({ confirm: { mode: 'error', status: 500 } });
    till = await openTill(stack.hub.url, {
      outbox: { retryInitialSeconds: 600, retryMaxSeconds: 600, confirmAfterSeconds: 60, adviceTimeoutSeconds: 5 },
    });
    const sale = await approvedSale(stack, till.engine, 2468);
    value(await till.engine.dismiss(sale.saleId));
    await until(async () => till!.logged('partner outcome pending').length > 0, 'the till\'s check finding the outcome pending');
    stack.partner.setBehaviour({ confirm: { mode: 'approve' } });
    const accepted = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'the acceptance');
    expect(accepted.advice).toMatchObject({ delivery: 'delivered', partnerStatus: '202' });
    expect(till.logged('partner outcome pending')).toHaveLength(1);
    expect(reservationOf(stack, sale.tranId!)?.state).toBe('captured');
  });

  it('refuses a change of hub while the partner outcome of a delivered advice is still unknown', async () => {
    stack.partner.setBehaviour({ confirm: { mode: 'error', status: 500 } });
    till = await openTill(stack.hub.url, {
      outbox: { retryInitialSeconds: 600, retryMaxSeconds: 600, confirmAfterSeconds: 60, adviceTimeoutSeconds: 5 },
    });
    const sale = await approvedSale(stack, till.engine, 1357);
    value(await till.engine.dismiss(sale.saleId));
    await until(async () => till!.logged('partner outcome pending').length > 0, 'the first check');
    const settings = value(await till.engine.snapshot()).settings;
    const moved = await till.engine.saveSettings({ ...settings, hubUrl: 'http://127.0.0.1:1', password: 'x' });
    expect(moved).toMatchObject({ ok: false, code: 'BUSY', message: expect.stringContaining('wallet provider') });
    expect(value(await till.engine.snapshot()).settings.hubUrl).toBe(settings.hubUrl);

    stack.partner.setBehaviour({ confirm: { mode: 'approve' } });
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'the acceptance');
    const after = await till.engine.saveSettings({ ...settings, hubUrl: 'http://127.0.0.1:1', password: 'x' });
    expect(after).toMatchObject({ ok: true, value: { hubUrl: 'http://127.0.0.1:1' } });
  });

  it('a partner 404 to a reversal is done: accepted, and no reconciliation alert', async () => {
    stack.partner.setBehaviour({ reverse: { mode: 'error', status: 404, errorType: 'UNABLE_TO_LOCATE_RECORD' } });
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    value(await till.engine.voidSale(sale.saleId));
    const done = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'the reversal done');
    expect(done.advice).toMatchObject({ kind: 'reversal', delivery: 'delivered', partnerStatus: '404' });
    expect(value(await till.engine.snapshot()).status.outbox).toMatchObject({ rejected: 0, partnerRefused: 0 });
    expect(till.logged(REFUSED_LOG)).toEqual([]);
  });

  it('after a restart, a delivered advice whose upstream outcome is still unknown is checked again', async () => {
    stack.partner.setBehaviour({ confirm: { mode: 'error', status: 500 } });
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    value(await till.engine.dismiss(sale.saleId));
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'the hub taking the confirmation');
    await until(async () => (await hubTransaction(stack, sale.tranId!) as { upstreamAdvice?: { attempts: number } })
      .upstreamAdvice!.attempts >= 2, 'the hub retrying the partner');
    expect((await waitForSale(till.engine, sale.saleId, () => true, 'the sale')).advice?.partnerOutcome).toBe('pending');

    await till.engine.close();
    stack.partner.setBehaviour({ confirm: { mode: 'decline', errorType: 'GENERAL_ERROR' } });
    await until(async () => (await hubTransaction(stack, sale.tranId!) as { upstreamAdvice?: { state: string } })
      .upstreamAdvice!.state === 'failed', 'the partner refusing at the hub');

    await till.reopen();
    const refused = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'refused', 'the refusal after reopening');
    expect(refused.advice?.partnerStatus).toBe('400');
    expect(value(await till.engine.snapshot()).status.outbox.partnerRefused).toBe(1);
  });
});

describe('receipt number, wallet reference and terminal id', () => {
  it('approved sales get consecutive receipt numbers that survive a restart, and the partner\'s own reference', async () => {
    till = await openTill(stack.hub.url);
    const first = await approvedSale(stack, till.engine, 100);
    value(await till.engine.dismiss(first.saleId));
    const second = await approvedSale(stack, till.engine, 200);
    value(await till.engine.dismiss(second.saleId));
    expect([first.receiptNumber, second.receiptNumber]).toEqual(['TILL0001-000001', 'TILL0001-000002']);
    await till.reopen();
    const third = await approvedSale(stack, till.engine, 300);
    expect(third.receiptNumber).toBe('TILL0001-000003');

    for (const sale of [first, second, third]) {
      expect(sale.terminalId).toBe('TILL0001');
      expect(sale.walletReference).toBe(reservationOf(stack, sale.tranId!)!.walletRef);
    }
    const csv = salesCsv(value(await till.engine.history()), 'OTHER001');
    const row = csv.csv.split('\r\n').find((line) => line.includes(third.saleId))!;
    expect(row).toContain(`,TILL0001-000003,TILL0001,${third.tranId},${third.walletReference},3.00,`);
  });
});

describe('reading the hub\'s answer about a tranId', () => {
  const answer = (status: number, body: unknown) => ({ kind: 'response' as const, status, body, text: JSON.stringify(body) });

  it('follows the hub\'s own upstream advice, and nothing where the hub forwards nothing', () => {
    expect(upstreamFinding(answer(200, { payment: { state: 'REVERSED' }, upstreamAdvice: { state: 'failed', lastStatus: '400', finishedAt: '2025-03-14T10:00:00.000Z' } })))
      .toEqual({ outcome: 'refused', status: '400', finishedAt: '2025-03-14T10:00:00.000Z' });
    expect(upstreamFinding(answer(200, { upstreamAdvice: { state: 'delivered', lastStatus: '202' } }))).toEqual({ outcome: 'accepted', status: '202' });
    expect(upstreamFinding(answer(200, { upstreamAdvice: { state: 'pending', lastStatus: '500' } }))).toEqual({ outcome: 'pending' });
    // A reversal that reached the hub while the pay was still with the partner: the hub's reversal is still to come.
    expect(upstreamFinding(answer(200, { payment: { state: 'REVERSING' } }))).toEqual({ outcome: 'pending' });
    expect(upstreamFinding(answer(200, { payment: { state: 'CANCELLED' } }))).toEqual({ outcome: 'none' });
    expect(upstreamFinding(answer(200, { state: 'EXPIRED' }))).toEqual({ outcome: 'none' });
    expect(upstreamFinding(answer(404, { errorType: 'UNABLE_TO_LOCATE_RECORD' }))).toEqual({ outcome: 'none' });
    for (const unknown of [answer(500, {}), answer(401, {}), answer(200, 'not json'), { kind: 'timeout' as const }]) {
      expect(upstreamFinding(unknown)).toBeUndefined();
    }
  });
});
