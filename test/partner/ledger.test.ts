import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetail, type PaymentRequest } from '../../protocol/index.js';
import { WalletLedger } from '../../partner/ledger.js';
import type { RunningPartner } from '../../partner/server.js';
import { call, confirmation, paymentRequest, reversal, startTestPartner } from './helpers.js';

describe('wallet ledger over HTTP', () => {
  let partner: RunningPartner;
  let url: { pay: string; confirm: string; reverse: string };

  beforeAll(async () => {
    partner = await startTestPartner();
    url = {
      pay: `${partner.apiUrl}/payments`,
      confirm: `${partner.apiUrl}/payments/confirmations`,
      reverse: `${partner.apiUrl}/payments/reversals`,
    };
  });
  afterEach(() => partner.reset());
  afterAll(() => partner.close());

  async function approvedPayment(amount = 2_500): Promise<PaymentRequest> {
    const request = paymentRequest({ amounts: { requestAmount: { amount, currency: '710' } } });
    expect((await call(url.pay, request)).status).toBe(201);
    return request;
  }

  it('captures on confirmation: 202 echo, balance debited', async () => {
    const payment = await approvedPayment();
    const advice = confirmation(payment);
    const answer = await call(url.confirm, advice);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual(advice);
    expect(partner.ledger.snapshot()).toMatchObject({
      balance: 97_500,
      available: 97_500,
      reservations: { [payment.id]: { state: 'captured', capturedAmount: 2_500 } },
      captures: 1,
    });
  });

  it('applies the same confirmation once when it arrives twice, answering the same echo', async () => {
    const payment = await approvedPayment();
    const advice = confirmation(payment);
    const first = await call(url.confirm, advice);
    const second = await call(url.confirm, advice);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    const ledger = partner.ledger.snapshot();
    expect(ledger.captures).toBe(1);
    expect(ledger.counters.confirm).toEqual({ received: 2, applied: 1 });
    expect(ledger.balance).toBe(97_500);
  });

  it('answers 202 to a second confirmation with a new id, capturing nothing more', async () => {
    const payment = await approvedPayment();
    await call(url.confirm, confirmation(payment));
    const another = confirmation(payment);
    const answer = await call(url.confirm, another);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual(another);
    expect(partner.ledger.snapshot()).toMatchObject({ balance: 97_500, captures: 1 });
  });

  it('captures a smaller final amount and releases the rest', async () => {
    const payment = await approvedPayment(2_500);
    const advice = confirmation(payment, { amounts: { approvedAmount: { amount: 2_000, currency: '710' } } });
    expect((await call(url.confirm, advice)).status).toBe(202);
    expect(partner.ledger.snapshot()).toMatchObject({ balance: 98_000, available: 98_000 });
  });

  it('refuses a final amount above the authorised one with INVALID_AMOUNT', async () => {
    const payment = await approvedPayment(2_500);
    const advice = confirmation(payment, { amounts: { approvedAmount: { amount: 2_501, currency: '710' } } });
    const answer = await call(url.confirm, advice);
    expect(answer.status).toBe(400);
    expect(ErrorDetail.parse(answer.body).errorType).toBe('INVALID_AMOUNT');
    expect(partner.ledger.snapshot().reservations[payment.id]!.state).toBe('reserved');
  });

  it('releases on reversal, once, even when the reversal is repeated', async () => {
    const payment = await approvedPayment();
    const advice = reversal(payment, { reversalReason: 'TIMEOUT' });
    const first = await call(url.reverse, advice);
    const second = await call(url.reverse, advice);
    const third = await call(url.reverse, reversal(payment));
    expect([first.status, second.status, third.status]).toEqual([202, 202, 202]);
    expect(first.body).toEqual(advice);
    expect(second.body).toEqual(advice);
    expect(partner.ledger.snapshot()).toMatchObject({
      balance: 100_000,
      available: 100_000,
      reservations: { [payment.id]: { state: 'released' } },
      releases: 1,
      counters: { reverse: { received: 3, applied: 1 } },
    });
  });

  it('answers a reversal for an unknown payment with 404 and no body', async () => {
    const answer = await call(url.reverse, reversal(paymentRequest()));
    expect(answer.status).toBe(404);
    expect(answer.text).toBe('');
  });

  it('keeps a tombstone for a reversal of an unknown payment and declines that payment when it arrives late, reserving nothing', async () => {
    const late = paymentRequest();
    expect((await call(url.reverse, reversal(late, { reversalReason: 'TIMEOUT' }))).status).toBe(404);
    expect(partner.ledger.snapshot().tombstones).toEqual([late.id]);
    const answer = await call(url.pay, late);
    expect(answer.status).toBe(400);
    expect(ErrorDetail.parse(answer.body)).toMatchObject({ errorType: 'ACCOUNT_ALREADY_SETTLED', originalId: late.id });
    // The resent reversal still finds nothing to release, and the payment is never reserved.
    expect((await call(url.reverse, reversal(late, { reversalReason: 'TIMEOUT' }))).status).toBe(404);
    expect(partner.ledger.snapshot()).toMatchObject({ balance: 100_000, available: 100_000, reservations: {},
      counters: { pay: { received: 1, applied: 0 } } });
    // Other payments are unaffected.
    expect((await call(url.pay, paymentRequest())).status).toBe(201);
  });

  it('leaves no tombstone when the reversed payment was seen and declined', async () => {
    const declined = paymentRequest({ amounts: { requestAmount: { amount: 1_000_000, currency: '710' } } });
    expect((await call(url.pay, declined)).status).toBe(400);
    expect((await call(url.reverse, reversal(declined))).status).toBe(404);
    expect(partner.ledger.snapshot().tombstones).toEqual([]);
  });

  it('answers a confirmation for an unknown payment with 404 UNABLE_TO_LOCATE_RECORD', async () => {
    const payment = paymentRequest();
    const answer = await call(url.confirm, confirmation(payment));
    expect(answer.status).toBe(404);
    expect(ErrorDetail.parse(answer.body)).toMatchObject({ errorType: 'UNABLE_TO_LOCATE_RECORD', originalId: payment.id });
  });

  it('refuses to confirm a released payment and to release a captured one (ACCOUNT_ALREADY_SETTLED)', async () => {
    const released = await approvedPayment();
    await call(url.reverse, reversal(released));
    const lateConfirm = await call(url.confirm, confirmation(released));
    expect(lateConfirm.status).toBe(400);
    expect(ErrorDetail.parse(lateConfirm.body).errorType).toBe('ACCOUNT_ALREADY_SETTLED');

    const captured = await approvedPayment();
    await call(url.confirm, confirmation(captured));
    const lateReverse = await call(url.reverse, reversal(captured));
    expect(lateReverse.status).toBe(400);
    expect(ErrorDetail.parse(lateReverse.body).errorType).toBe('ACCOUNT_ALREADY_SETTLED');

    expect(partner.ledger.snapshot()).toMatchObject({ balance: 97_500, captures: 1, releases: 1 });
  });

  it('refuses an advice id reused for another payment with DUPLICATE_RECORD', async () => {
    const first = await approvedPayment();
    const second = await approvedPayment();
    const advice = confirmation(first);
    await call(url.confirm, advice);
    const reused = await call(url.confirm, { ...advice, requestId: second.id });
    expect(reused.status).toBe(400);
    expect(ErrorDetail.parse(reused.body).errorType).toBe('DUPLICATE_RECORD');
    expect(partner.ledger.snapshot().reservations[second.id]!.state).toBe('reserved');
  });

  it('validates advices: a reversal without reversalReason is a FORMAT_ERROR', async () => {
    const payment = await approvedPayment();
    const { reversalReason: _missing, ...advice } = reversal(payment);
    const answer = await call(url.reverse, advice);
    expect(answer.status).toBe(400);
    expect(ErrorDetail.parse(answer.body).errorType).toBe('FORMAT_ERROR');
    expect(partner.ledger.snapshot().reservations[payment.id]!.state).toBe('reserved');
  });
});

describe('WalletLedger', () => {
  const now = '2026-01-01T00:00:00.000Z';
  const reserve = (ledger: WalletLedger, paymentId: string, amount: number) =>
    ledger.reserve({ paymentId, tranId: `t-${paymentId}`, walletRef: 'DW1', requestAmount: { amount, currency: '710' } }, now);

  it('counts only funds not yet reserved as available', () => {
    const ledger = new WalletLedger({ balance: 1_000, currency: '710' });
    expect(reserve(ledger, 'a', 600).ok).toBe(true);
    const refused = reserve(ledger, 'b', 500);
    expect(refused).toMatchObject({ ok: false, failure: { errorType: 'INSUFFICIENT_FUNDS', status: 400 } });
    expect(reserve(ledger, 'c', 400).ok).toBe(true);
    expect(ledger.available()).toBe(0);
  });

  it('returns to the opening balance on reset', () => {
    const ledger = new WalletLedger({ balance: 1_000, currency: '710' });
    reserve(ledger, 'a', 600);
    ledger.noteReceived('pay');
    ledger.reset();
    expect(ledger.snapshot()).toMatchObject({ balance: 1_000, available: 1_000, reservations: {},
      counters: { pay: { received: 0, applied: 0 } } });
    expect(reserve(ledger, 'a', 600).ok).toBe(true);
  });
});
