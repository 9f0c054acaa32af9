import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newUuid, type PaymentReversal } from '../../../protocol/index.js';
import { attemptResult, retryGapMs } from '../../../electron/pos/outbox.js';
import { newSale, qrIssued } from '../../../electron/pos/sale-rules.js';
import type { TillSettings } from '../../../electron/pos/settings.js';
import { paymentRequest } from '../../../electron/pos/till-messages.js';
import { TillStore } from '../../../electron/pos/till-store.js';
import { hubQueueSettled, until } from '../../support/flows.js';
import { freePort } from '../../support/ports.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { startFakeHub, type FakeHub } from './fake-hub.js';
import {
  approvedSale, hubTransaction, openTill, reservationOf, tillSettings, value, waitForSale, type Till,
} from './till-support.js';

// Store-and-forward of confirmations and reversals (docs/protocol.md §8) against the real hub, across till restarts.

let stack: Stack;
let till: Till | undefined;
let fake: FakeHub | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  await fake?.close();
  till = undefined;
  fake = undefined;
  await stack.startHub();
});

/** The journal a till leaves when it dies after writing its pay request and before the pay left (docs/protocol.md §4). */
async function crashedMidPay(settings: TillSettings, tranId: string): Promise<{ dataDir: string; saleId: string; payId: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-pos-'));
  const store = await TillStore.open(dataDir);
  const now = Date.now();
  const sale = newSale({ amountMinor: 555 }, newUuid(), settings.currency, now);
  const payRequest = paymentRequest(settings, sale, tranId, now);
  await store.transact((tx) => tx.put(qrIssued(sale, { tranId, qrPayload: 'not shown', payRequest }, 5, now)));
  await store.close();
  return { dataDir, saleId: sale.saleId, payId: payRequest.id };
}

describe('an advice the hub cannot take for a day', () => {
  it('keeps retrying and logs an error for reconciliation once it has waited 24 hours', async () => {
    let offsetMs = 0;
    const down = `http://127.0.0.1:${await freePort()}`;
    const crashed = await crashedMidPay(tillSettings(down), newUuid().replace(/-/g, ''));
    till = await openTill(down, {}, crashed.dataDir, { now: () => Date.now() + offsetMs });
    await until(() => till!.logged('advice not delivered, will retry').length >= 1, 'a first failed attempt');
    expect(till.logged('advice still undelivered after 24 hours: check the hub connection and reconcile')).toEqual([]);
    expect(value(await till.engine.snapshot()).status.outbox).toMatchObject({ pending: 1, overdue: 0 });

    offsetMs = 24 * 60 * 60 * 1000 + 1000;
    await until(() => till!.logged('advice still undelivered after 24 hours: check the hub connection and reconcile').length >= 1,
      'the 24-hour alert');
    const alert = till.logged('advice still undelivered after 24 hours: check the hub connection and reconcile')[0]!;
    expect(alert).toMatchObject({ level: 'error', saleId: crashed.saleId, kind: 'reversal' });
    expect(value(await till.engine.snapshot()).status.outbox).toMatchObject({ pending: 1, overdue: 1 });
  });
});

describe('an advice the hub never takes', () => {
  it('is never given up: after 300 failed attempts over more than a day (fake clock) it is still pending and still sent', async () => {
    // Every reading of the till's clock moves it on by the longest retry gap, so each resend is due at once: hundreds
    // of attempts, each after its full gap on the till's clock, in a few real seconds.
    const outbox = { retryInitialSeconds: 60, retryMaxSeconds: 300 };
    let clockMs = Date.now();
    const down = `http://127.0.0.1:${await freePort()}`;
    const crashed = await crashedMidPay(tillSettings(down), newUuid().replace(/-/g, ''));
    till = await openTill(down, { outbox }, crashed.dataDir, { now: () => (clockMs += outbox.retryMaxSeconds * 1000) });
    const t = till;
    const attempts = () => t.logged('sending advice').filter((line) => line.saleId === crashed.saleId);
    const pending = async () => value(await t.engine.snapshot()).status.outbox.pending;
    await until(async () => attempts().length >= 300 || (await pending()) === 0, 'the 300th attempt or the advice ended', 2000);
    expect(attempts().map((line) => line.attempt)).toEqual(attempts().map((_line, i) => i + 1));
    expect(new Set(attempts().map((line) => line.adviceId)).size).toBe(1);
    expect(t.logged('advice rejected by the hub: reconcile by hand')).toEqual([]);
    expect(value(await t.engine.snapshot()).status.outbox).toMatchObject({ pending: 1, rejected: 0, overdue: 1 });

    // Still retried: another attempt follows, and the advice is still pending after it.
    const sent = attempts().length;
    await until(() => attempts().length > sent + 1, 'a further attempt');
    expect(value(await t.engine.snapshot()).status.outbox).toMatchObject({ pending: 1, rejected: 0 });
  });
});

describe('outbox rules', () => {
  it('classifies answers: successful delivers, 404 delivers a reversal only, 503, 401, 403 and unknown retry, other failures reject', () => {
    const response = (status: number) => ({ kind: 'response' as const, status, body: undefined, text: '' });
    expect(attemptResult('confirmation', response(202))).toBe('delivered');
    expect(attemptResult('reversal', response(404))).toBe('delivered');
    expect(attemptResult('confirmation', response(404))).toBe('rejected');
    expect(attemptResult('reversal', response(400))).toBe('rejected');
    expect(attemptResult('confirmation', response(409))).toBe('rejected');
    for (const status of [401, 403, 500, 503, 504]) expect(attemptResult('reversal', response(status))).toBe('retry');
    expect(attemptResult('reversal', { kind: 'timeout' })).toBe('retry');
    expect(attemptResult('reversal', { kind: 'broken', code: 'ECONNRESET' })).toBe('retry');
    expect(attemptResult('confirmation', { kind: 'not-sent', code: 'ECONNREFUSED' })).toBe('retry');
  });

  it('doubles the gap up to the maximum', () => {
    const outbox = { retryInitialSeconds: 2, retryMaxSeconds: 60 };
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryGapMs(n, outbox))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });
});

describe('outbox against the real hub', () => {
  it('survives a restart while the hub is down: the confirmation is delivered exactly once when the hub is back', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    await stack.stopHub();
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    await waitForSale(till.engine, sale.saleId, (s) => (s.advice?.attempts ?? 0) >= 2, 'failed attempts');
    const before = (await waitForSale(till.engine, sale.saleId, () => true, 'sale')).advice!;
    expect(before).toMatchObject({ kind: 'confirmation', delivery: 'pending', lastError: 'ECONNREFUSED' });
    expect(before.nextAttemptAt).toBeDefined();

    await till.reopen();
    const reopened = value(await till.engine.snapshot()).status;
    expect(reopened.outbox).toMatchObject({ pending: 1, rejected: 0, oldestPendingSince: before.queuedAt });
    await stack.startHub();
    const delivered = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'delivery after restart');
    expect(delivered.advice!.attempts).toBeGreaterThan(before.attempts);
    await until(() => reservationOf(stack, sale.tranId!)?.state === 'captured', 'captured');

    // One advice at the hub, one capture at the partner; and a further restart sends nothing.
    await till.reopen();
    expect(value(await till.engine.snapshot()).status.outbox).toEqual({ pending: 0, rejected: 0, overdue: 0, partnerRefused: 0 });
    const tran = await hubTransaction(stack, sale.tranId!);
    expect(tran.advices).toHaveLength(1);
    expect(tran.state).toBe('CONFIRMED');
    await hubQueueSettled(stack, sale.tranId!);
    expect(stack.partner.ledger.snapshot().counters.confirm).toEqual({ received: 1, applied: 1 });
  });

  it('a sale cut off mid-pay by a crash is reversed on restart (TIMEOUT); the hub never saw it: 404 counts as delivered', async () => {
    const { tranId } = await stack.createQr();
    const settings = tillSettings(stack.hub.url);
    const crashed = await crashedMidPay(settings, tranId);
    till = await openTill(stack.hub.url, {}, crashed.dataDir);
    const sale = await waitForSale(till.engine, crashed.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown' },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT', attempts: 1 },
    });
    expect(till.logged('advice delivered')[0]).toMatchObject({ result: '404 UNABLE_TO_LOCATE_RECORD' });
    // The hub keeps a tombstone: the pay, had it been sent after all, is refused.
    const late = await stack.post('/qr/v1/payments', { ...paymentRequest(settings, { saleId: crashed.saleId, amountMinor: 555 }, tranId, Date.now()), id: crashed.payId });
    expect(late.body.errorType).toBe('ACCOUNT_ALREADY_SETTLED');
  });

  it('closed while the pay is held at the hub: the TIMEOUT reversal reaches the hub before close() resolves', async () => {
    till = await openTill(stack.hub.url);
    const charged = value(await till.engine.charge({ amountMinor: 808 }));
    await stack.waitForState(charged.tranId!, 'AWAITING_SCAN');
    await till.engine.close();
    // No waiting here: by the time close() has resolved the hub has cancelled the payment and answered its held pay.
    const tran = await hubTransaction(stack, charged.tranId!);
    expect(tran.state).toBe('CANCELLED');
    expect(tran.advices).toEqual([expect.objectContaining({ kind: 'reversal' })]);
    expect(tran.events.map((event) => event.type)).toContain('payment.cancelled');
    expect(till.logged('advice delivered')).toEqual([expect.objectContaining({ saleId: charged.saleId, kind: 'reversal' })]);

    await till.reopen();
    const sale = await waitForSale(till.engine, charged.saleId, () => true, 'sale');
    expect(sale).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown', detail: 'till closed' },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT', delivery: 'delivered', attempts: 1 },
    });
    expect(value(await till.engine.snapshot()).current?.saleId).toBe(charged.saleId);
    const late = await stack.partner.scan({ qrPayload: charged.qrPayload! });
    expect(late.status).toBe(400);
  });

  it('closed with an approved sale still on screen: its held confirmation reaches the hub before close() resolves', async () => {
    till = await openTill(stack.hub.url);
    const approved = await approvedSale(stack, till.engine, 909);
    expect(approved.advice).toMatchObject({ kind: 'confirmation', delivery: 'pending' });
    await till.engine.close();
    expect((await hubTransaction(stack, approved.tranId!)).advices).toEqual([expect.objectContaining({ kind: 'confirmation' })]);
    expect(till.logged('advice delivered')).toEqual([expect.objectContaining({ saleId: approved.saleId, kind: 'confirmation' })]);
    await until(() => reservationOf(stack, approved.tranId!)?.state === 'captured', 'the capture at the partner');
  });

  it('(fake hub: held reversals) closed mid-sale: close() gives up after about 3 s; the reversal is sent by the next open', async () => {
    let releaseReversals!: () => void;
    const released = new Promise<void>((resolve) => (releaseReversals = resolve));
    fake = await startFakeHub(stack.hub.url, (request) => (request.path === '/qr/v1/payments/reversals' ? { forwardWhen: released } : undefined));
    till = await openTill(fake.url);
    const charged = value(await till.engine.charge({ amountMinor: 909 }));
    await stack.waitForState(charged.tranId!, 'AWAITING_SCAN');
    const started = Date.now();
    // Order, not speed: close() resolves while the reversal is still held, unanswered; only then is it let through.
    await till.engine.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(till.logged('sending advice')).toHaveLength(1);
    expect((await hubTransaction(stack, charged.tranId!)).advices).toEqual([]);
    releaseReversals();

    await till.reopen({ hubUrl: stack.hub.url });
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({ phase: 'not-completed', advice: { kind: 'reversal', reversalReason: 'TIMEOUT' } });
    const tran = await hubTransaction(stack, charged.tranId!);
    expect(tran.advices).toEqual([expect.objectContaining({ kind: 'reversal' })]);
    expect(['CANCELLED', 'FAILED']).toContain(tran.state);
  });

  it('a 400 is final: the confirmation is rejected, counted and shown, and not resent after a restart', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    // Someone else reverses the payment at the hub first (the hub's own tools, say): the confirmation must then fail.
    const paymentId = (await hubTransaction(stack, sale.tranId!)).payment!.id;
    const reversal: PaymentReversal = {
      id: newUuid(), requestId: paymentId, time: new Date().toISOString(), thirdPartyIdentifiers: [], reversalReason: 'CANCELLED',
    };
    expect((await stack.post('/qr/v1/payments/reversals', reversal)).status).toBe(202);

    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    const rejected = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'rejected', 'rejection');
    expect(rejected.advice).toMatchObject({ kind: 'confirmation', attempts: 1, lastError: '400 ACCOUNT_ALREADY_SETTLED' });
    expect(rejected.advice!.nextAttemptAt).toBeUndefined();
    expect(value(await till.engine.snapshot()).status.outbox).toEqual({ pending: 0, rejected: 1, overdue: 0, partnerRefused: 0 });
    expect(till.events).toContainEqual({ type: 'status', status: expect.objectContaining({ outbox: { pending: 0, rejected: 1, overdue: 0, partnerRefused: 0 } }) });
    expect(value(await till.engine.history()).totals).toEqual([]);

    await till.reopen();
    expect(value(await till.engine.snapshot()).status.outbox).toEqual({ pending: 0, rejected: 1, overdue: 0, partnerRefused: 0 });
    expect((await waitForSale(till.engine, sale.saleId, () => true, 'sale')).advice?.delivery).toBe('rejected');
    // The end to wait for before counting: a later sale's confirmation, sent by this open, delivered.
    const later = await approvedSale(stack, till.engine, 4321);
    expect(value(await till.engine.dismiss(later.saleId))).toBeNull();
    await waitForSale(till.engine, later.saleId, (s) => s.advice?.delivery === 'delivered', 'a later confirmation delivered');
    expect(till.logged('sending advice').filter((line) => line.saleId === sale.saleId)).toHaveLength(1);
  });

  it('retries with growing gaps, capped at the maximum', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const outbox = { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4 };
    const crashed = await crashedMidPay(tillSettings(down), newUuid().replace(/-/g, ''));
    till = await openTill(down, { outbox }, crashed.dataDir);
    const t = till;
    await until(() => t.logged('sending advice').length >= 6, 'six attempts', 1500);
    // The gaps the outbox chose grow, then stop at the cap; the clock never sends before its gap is over (how much
    // later depends on the machine's load, so that is not asserted).
    const chosen = t.logged('advice not delivered, will retry').slice(0, 5).map((line) => line.retryInMs);
    expect(chosen).toEqual([100, 200, 400, 400, 400]);
    const times = t.logged('sending advice').map((line) => Date.parse(line.time));
    const gaps = times.slice(1, 6).map((at, i) => at - times[i]!);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(chosen[i] as number - 5));
    expect(t.logged('sending advice').every((line) => line.adviceId === t.logged('sending advice')[0]!.adviceId)).toBe(true);
    const sale = await waitForSale(till.engine, crashed.saleId, () => true, 'sale');
    expect(sale.advice).toMatchObject({ delivery: 'pending', lastError: 'ECONNREFUSED' });
    expect(value(await till.engine.snapshot()).status.hub.state).toBe('unreachable');
  });
});
