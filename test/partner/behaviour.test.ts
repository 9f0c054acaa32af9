import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorDetail } from '../../protocol/index.js';
import { postJson } from '../../common/http-json.js';
import type { RunningPartner } from '../../partner/server.js';
import { call, HUB_CLIENT, confirmation, paymentRequest, reversal, startTestPartner } from './helpers.js';

describe('behaviour switches', () => {
  let partner: RunningPartner;
  let payUrl: string;

  beforeAll(async () => {
    partner = await startTestPartner();
    payUrl = `${partner.apiUrl}/payments`;
  });
  afterEach(() => partner.reset());
  afterAll(() => partner.close());

  it('approve is the configured default', async () => {
    expect(partner.behaviour()).toEqual({ pay: { mode: 'approve' }, confirm: { mode: 'approve' }, reverse: { mode: 'approve' } });
    expect((await call(payUrl, paymentRequest())).status).toBe(201);
  });

  it('decline answers 400 with the chosen errorType and provider details, leaving the ledger alone', async () => {
    partner.setBehaviour({ pay: { mode: 'decline', errorType: 'INSUFFICIENT_FUNDS' } });
    const request = paymentRequest();
    const answer = await call(payUrl, request);
    expect(answer.status).toBe(400);
    const detail = ErrorDetail.parse(answer.body);
    expect(detail).toMatchObject({ errorType: 'INSUFFICIENT_FUNDS', originalId: request.id, tranId: request.tranId });
    expect(detail.providerErrorCode).toBeTruthy();
    expect(detail.providerErrorMsg).toBeTruthy();
    expect(detail.providerRef).toMatch(/^[A-Z0-9]+$/);
    expect(partner.ledger.snapshot()).toMatchObject({ available: 100_000, reservations: {},
      counters: { pay: { received: 1, applied: 0 } } });
  });

  it('decline defaults to DECLINED_BY_PARTNER and honours status and provider overrides', async () => {
    partner.setBehaviour({ pay: { mode: 'decline', status: 403, providerErrorCode: '51', providerErrorMsg: 'Locked' } });
    const answer = await call(payUrl, paymentRequest());
    expect(answer.status).toBe(403);
    expect(ErrorDetail.parse(answer.body)).toMatchObject({ errorType: 'DECLINED_BY_PARTNER', providerErrorCode: '51',
      providerErrorMsg: 'Locked' });
  });

  it('decline passes a non-enum errorType through unchanged, for the hub fallback tests', async () => {
    partner.setBehaviour({ pay: { mode: 'decline', errorType: 'WALLET_LOCKED' } });
    const answer = await call(payUrl, paymentRequest());
    expect(answer.status).toBe(400);
    expect(answer.body.errorType).toBe('WALLET_LOCKED');
  });

  it('error answers 500 GENERAL_ERROR by default, or the chosen status', async () => {
    partner.setBehaviour({ pay: { mode: 'error' } });
    const answer = await call(payUrl, paymentRequest());
    expect(answer.status).toBe(500);
    expect(ErrorDetail.parse(answer.body).errorType).toBe('GENERAL_ERROR');

    partner.setBehaviour({ pay: { mode: 'error', status: 503 } });
    expect((await call(payUrl, paymentRequest())).status).toBe(503);
    expect(partner.ledger.snapshot().counters.pay).toEqual({ received: 2, applied: 0 });
  });

  it('decline and error on advices leave the reservation untouched', async () => {
    const payment = paymentRequest();
    await call(payUrl, payment);
    partner.setBehaviour({ confirm: { mode: 'error' }, reverse: { mode: 'decline' } });
    expect((await call(`${partner.apiUrl}/payments/confirmations`, confirmation(payment))).status).toBe(500);
    const declined = await call(`${partner.apiUrl}/payments/reversals`, reversal(payment));
    expect(declined.status).toBe(400);
    expect(ErrorDetail.parse(declined.body)).toMatchObject({ errorType: 'DECLINED_BY_PARTNER', originalId: payment.id });
    expect(partner.ledger.snapshot().reservations[payment.id]!.state).toBe('reserved');
  });

  it('hang never answers: the client times out and nothing is reserved', async () => {
    partner.setBehaviour({ pay: { mode: 'hang' } });
    const started = Date.now();
    const outcome = await postJson(payUrl, paymentRequest(), { auth: HUB_CLIENT, timeoutMs: 300 });
    expect(outcome).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(partner.ledger.snapshot().reservations).toEqual({});
    expect(partner.requests()).toHaveLength(1);
    expect(partner.requests()[0]).not.toHaveProperty('response');
  });

  it('delayMs waits before acting', async () => {
    partner.setBehaviour({ pay: { mode: 'approve', delayMs: 250 } });
    const started = Date.now();
    const answer = await call(payUrl, paymentRequest());
    expect(answer.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('times=N applies to the next N requests, then reverts to approve', async () => {
    partner.setBehaviour({ pay: { mode: 'decline', errorType: 'DO_NOT_HONOR', times: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(payUrl, paymentRequest())).status);
    expect(statuses).toEqual([400, 400, 201]);
    expect(partner.behaviour().pay).toEqual({ mode: 'approve' });
  });

  it('an invalid request does not use up a times-limited behaviour', async () => {
    partner.setBehaviour({ pay: { mode: 'error', times: 1 } });
    expect((await call(payUrl, { not: 'a payment' })).status).toBe(400);
    expect(partner.behaviour().pay).toEqual({ mode: 'error', times: 1 });
    expect((await call(payUrl, paymentRequest())).status).toBe(500);
  });

  it('setBehaviour rejects an invalid behaviour', () => {
    expect(() => partner.setBehaviour({ pay: { mode: 'explode' } as never })).toThrow();
    expect(partner.behaviour().pay).toEqual({ mode: 'approve' });
  });

  it('starts with the behaviour from the config', async () => {
    const declining = await startTestPartner({ behaviour: { pay: { mode: 'decline', errorType: 'INVALID_ACCOUNT' } } });
    try {
      const answer = await call(`${declining.apiUrl}/payments`, paymentRequest());
      expect(answer.status).toBe(400);
      expect(answer.body.errorType).toBe('INVALID_ACCOUNT');
    } finally {
      await declining.close();
    }
  });
});

describe('closing a partner', () => {
  it('ends hanging and delayed requests instead of waiting for them', async () => {
    const partner = await startTestPartner({
      behaviour: { pay: { mode: 'hang' }, confirm: { mode: 'approve', delayMs: 60_000 } },
    });
    const hanging = call(`${partner.apiUrl}/payments`, paymentRequest()).catch((error: Error) => error);
    const delayed = call(`${partner.apiUrl}/payments/confirmations`, confirmation(paymentRequest())).catch((e: Error) => e);
    for (let i = 0; i < 500 && partner.requests().length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(partner.requests()).toHaveLength(2);

    // The delayed confirmation would answer after 60 s: close() returning within the test's timeout is the check.
    await partner.close();
    expect(await hanging).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
    expect(partner.ledger.snapshot().counters.confirm.applied).toBe(0);
  });
});
