import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildQrPayload, ErrorDetail, PaymentResponse } from '../../protocol/index.js';
import type { RunningPartner } from '../../partner/server.js';
import {
  call, HUB_CLIENT, paymentRequest, PROVIDER_ID, startFakeHub, startTestPartner, type CapturedLogger, type FakeHub,
} from './helpers.js';

describe('partner pay operation', () => {
  let partner: RunningPartner & CapturedLogger;
  let hub: FakeHub;
  let payUrl: string;

  beforeAll(async () => {
    hub = await startFakeHub();
    partner = await startTestPartner({ hub: { url: hub.url, username: 'demo-wallet', password: 'demo-wallet-secret',
      providerId: PROVIDER_ID } });
    payUrl = `${partner.apiUrl}/payments`;
  });
  afterEach(() => partner.reset());
  afterAll(async () => {
    await partner.close();
    await hub.close();
  });

  it('approves with a 201 PaymentResponse that echoes the request and adds the wallet details', async () => {
    const request = paymentRequest();
    const answer = await call(payUrl, request);

    expect(answer.status).toBe(201);
    const response = PaymentResponse.parse(answer.body);
    for (const key of ['id', 'originator', 'client', 'tranId', 'stan', 'rrn', 'basketRef', 'tranType'] as const) {
      expect(response[key]).toEqual(request[key]);
    }
    expect(response.partner).toEqual({ id: 'demo-wallet', name: 'Demo Wallet' });
    expect(response.amounts).toEqual({ requestAmount: request.amounts.requestAmount, approvedAmount: request.amounts.requestAmount });
    expect(response.thirdPartyIdentifiers.slice(0, -1)).toEqual(request.thirdPartyIdentifiers);
    const own = response.thirdPartyIdentifiers.at(-1)!;
    expect(own.institutionId).toBe('demo-wallet');
    expect(response.tenders).toEqual([{ tenderType: 'WALLET', amount: request.amounts.requestAmount }]);
    expect(response.slipData).toEqual({
      messageLines: [{ text: 'Demo Wallet' }, { text: `Ref ${own.transactionIdentifier}` }],
      issuerReference: own.transactionIdentifier,
    });
    expect(own.transactionIdentifier).toMatch(/^[A-Z0-9]{1,40}$/);
    expect(answer.body).not.toHaveProperty('partnerPaymentToken');
    expect(Date.parse(response.time)).toBeGreaterThanOrEqual(Date.parse(request.time));

    const ledger = partner.ledger.snapshot();
    expect(ledger.reservations[request.id]).toMatchObject({ state: 'reserved', amount: 2_500, tranId: request.tranId,
      walletRef: own.transactionIdentifier });
    expect(ledger.balance).toBe(100_000);
    expect(ledger.available).toBe(97_500);
    expect(ledger.counters.pay).toEqual({ received: 1, applied: 1 });
  });

  it.each([
    ['a wrong password', { ...HUB_CLIENT, password: 'nope' }],
    ['an unknown user', { username: 'mallory', password: HUB_CLIENT.password }],
    ['no credentials', null],
  ])('answers 401 FORMAT_ERROR to %s and touches nothing', async (_label, auth) => {
    const answer = await call(payUrl, paymentRequest(), { auth });
    expect(answer.status).toBe(401);
    expect(ErrorDetail.parse(answer.body).errorType).toBe('FORMAT_ERROR');
    expect(partner.requests()).toEqual([]);
    expect(partner.ledger.snapshot().counters.pay).toEqual({ received: 0, applied: 0 });
  });

  it('answers 400 FORMAT_ERROR to a body that fails the schema', async () => {
    const { tranId: _missing, ...withoutTranId } = paymentRequest();
    for (const body of [withoutTranId, paymentRequest({ id: 'not-a-uuid' }), [1, 2]]) {
      const answer = await call(payUrl, body);
      expect(answer.status).toBe(400);
      expect(ErrorDetail.parse(answer.body).errorType).toBe('FORMAT_ERROR');
    }
    expect(partner.ledger.snapshot().counters.pay.applied).toBe(0);
  });

  it('answers 400 FORMAT_ERROR to malformed JSON and 415 to a non-JSON content type', async () => {
    const malformed = await call(payUrl, undefined, { raw: '{"id": ' });
    expect(malformed.status).toBe(400);
    expect(ErrorDetail.parse(malformed.body).errorType).toBe('FORMAT_ERROR');

    const text = await call(payUrl, undefined, { raw: JSON.stringify(paymentRequest()), contentType: 'text/plain' });
    expect(text.status).toBe(415);
    expect(ErrorDetail.parse(text.body).errorType).toBe('FORMAT_ERROR');
  });

  it('declines INSUFFICIENT_FUNDS when the available balance is too low', async () => {
    const first = paymentRequest({ amounts: { requestAmount: { amount: 60_000, currency: '710' } } });
    expect((await call(payUrl, first)).status).toBe(201);
    const second = paymentRequest({ amounts: { requestAmount: { amount: 50_000, currency: '710' } } });
    const answer = await call(payUrl, second);
    expect(answer.status).toBe(400);
    expect(ErrorDetail.parse(answer.body)).toMatchObject({ errorType: 'INSUFFICIENT_FUNDS', originalId: second.id,
      tranId: second.tranId });
    expect(partner.ledger.snapshot().reservations[second.id]).toBeUndefined();
    expect(partner.ledger.available()).toBe(40_000);
  });

  it('declines a repeated PaymentRequest id with DUPLICATE_RECORD and keeps the first reservation', async () => {
    const request = paymentRequest();
    expect((await call(payUrl, request)).status).toBe(201);
    const again = await call(payUrl, request);
    expect(again.status).toBe(400);
    expect(ErrorDetail.parse(again.body).errorType).toBe('DUPLICATE_RECORD');
    expect(partner.ledger.snapshot()).toMatchObject({ available: 97_500, counters: { pay: { received: 2, applied: 1 } } });
  });

  it('declines an amount in another currency with INVALID_AMOUNT', async () => {
    const answer = await call(payUrl, paymentRequest({ amounts: { requestAmount: { amount: 100, currency: '840' } } }));
    expect(answer.status).toBe(400);
    expect(ErrorDetail.parse(answer.body).errorType).toBe('INVALID_AMOUNT');
  });

  describe('partnerPaymentToken', () => {
    it('approves a PaymentRequest carrying the token issued with the scan', async () => {
      const scan = await partner.scan({ tranId: paymentRequest().tranId });
      const token = scan.notification.partnerPaymentToken;
      expect(token).toBeTruthy();
      const answer = await call(payUrl, paymentRequest({ tranId: scan.tranId, partnerPaymentToken: token }));
      expect(answer.status).toBe(201);
      expect(answer.body).not.toHaveProperty('partnerPaymentToken');
    });

    it.each([
      ['a different token', 'forged-token'],
      ['no token', undefined],
    ])('answers 400 DO_NOT_HONOR to %s and reserves nothing', async (_label, token) => {
      const scan = await partner.scan({ qrPayload: buildQrPayload({ providerId: PROVIDER_ID, tranId: paymentRequest().tranId }) });
      const request = paymentRequest({ tranId: scan.tranId, partnerPaymentToken: token });
      const answer = await call(payUrl, request);
      expect(answer.status).toBe(400);
      expect(ErrorDetail.parse(answer.body)).toMatchObject({ errorType: 'DO_NOT_HONOR', tranId: scan.tranId });
      expect(partner.ledger.snapshot().reservations).toEqual({});
    });

    it('checks no token when the scan sent none, and none for tranIds it never scanned', async () => {
      const scan = await partner.scan({ tranId: paymentRequest().tranId, omitToken: true });
      expect(scan.notification).not.toHaveProperty('partnerPaymentToken');
      expect((await call(payUrl, paymentRequest({ tranId: scan.tranId }))).status).toBe(201);
      expect((await call(payUrl, paymentRequest())).status).toBe(201);
    });

    it('never writes the token, a password or an Authorization header to the log', async () => {
      const scan = await partner.scan({ tranId: paymentRequest().tranId, partnerPaymentToken: 'tok-SECRET-123' });
      await call(payUrl, paymentRequest({ tranId: scan.tranId, partnerPaymentToken: 'tok-SECRET-123' }));
      await call(payUrl, paymentRequest({ tranId: scan.tranId, partnerPaymentToken: 'tok-WRONG-456' }));
      const log = partner.lines.join('\n');
      expect(partner.lines.length).toBeGreaterThan(0);
      for (const secret of ['tok-SECRET-123', 'tok-WRONG-456', HUB_CLIENT.password, 'demo-wallet-secret', 'Basic ']) {
        expect(log).not.toContain(secret);
      }
    });
  });
});
