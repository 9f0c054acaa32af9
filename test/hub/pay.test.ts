import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { samplePaymentReversal } from '../support/fixtures.js';
import { expectError, hubQueueSettled, payAndScan, timelineState, until, upstreamSettled, expectUpstreamMessagesValid } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

describe('POST /qr/v1/payments', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ timeouts: { scanWindowSeconds: 1.5, partnerSeconds: 1 } });
  });
  afterAll(async () => stack.close());
  afterEach(() => expectUpstreamMessagesValid(stack));
  beforeEach(() => stack.partner.reset());

  it('answers 400 NO_SCAN_RECEIVED when no scan arrives within the window, and declines a late scan', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const { answer } = stack.startPay(tranId);
    const started = Date.now();
    expectError(await answer, '/payments', 400, 'NO_SCAN_RECEIVED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
    const late = await stack.partner.scan({ qrPayload: qrCode });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ errorType: 'UNABLE_TO_LOCATE_RECORD', tranId });
    expect(stack.partner.requests().filter((m) => m.operation === 'pay')).toHaveLength(0);
  });

  it('answers 400 DUPLICATE_RECORD to a second pay with the same id, leaving the first unaffected', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    const duplicate = await stack.post('/qr/v1/payments', request);
    expectError(duplicate, '/payments', 400, 'DUPLICATE_RECORD');
    await stack.partner.scan({ qrPayload: qrCode });
    expect((await answer).status).toBe(201);
  });

  it('answers 400 INVALID_TRAN_ID for an unknown tranId, another client\'s tranId, and a tranId already bound', async () => {
    expectError(await stack.startPay('f'.repeat(32)).answer, '/payments', 400, 'INVALID_TRAN_ID');
    const { tranId } = await stack.createQr();
    const foreign = await stack.post('/qr/v1/payments', stack.startPayRequest(tranId, { client: { id: 'till-02', name: 'Other' } }), AUTH.otherRetailer);
    expectError(foreign, '/payments', 400, 'INVALID_TRAN_ID');
    const first = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    expectError(await stack.startPay(tranId).answer, '/payments', 400, 'INVALID_TRAN_ID');
    expectError(await first.answer, '/payments', 400, 'NO_SCAN_RECEIVED');
  });

  it('answers 400 INVALID_TRAN_ID once the QR code has expired unused', async () => {
    const { tranId } = await stack.createQr({ qrProperties: { expiryDate: new Date(Date.now() + 1000).toISOString() } });
    await until(async () => (await timelineState(stack, tranId)) === 'EXPIRED', 'the QR code expired');
    expectError(await stack.startPay(tranId).answer, '/payments', 400, 'INVALID_TRAN_ID');
  });

  it('answers 400 PARTNER_UNKNOWN when the POS names a partner the hub does not know', async () => {
    const { tranId } = await stack.createQr();
    const answer = await stack.startPay(tranId, { partner: { id: 'nobody', name: 'Nobody' } }).answer;
    expectError(answer, '/payments', 400, 'PARTNER_UNKNOWN');
  });

  it('answers 400 INVALID_AMOUNT for an amount that breaks the QR value without part payment', async () => {
    const { tranId } = await stack.createQr({ qrProperties: { value: { amount: 5000, currency: '710' } } });
    const answer = await stack.startPay(tranId, { amounts: { requestAmount: { amount: 4000, currency: '710' } } }).answer;
    expectError(answer, '/payments', 400, 'INVALID_AMOUNT');
    const { tranId: other } = await stack.createQr();
    expectError(await stack.startPay(other, { amounts: {} }).answer, '/payments', 400, 'INVALID_AMOUNT');
  });

  it('answers 400 ACCOUNT_ALREADY_SETTLED to a pay whose id was reversed before it arrived (tombstone)', async () => {
    const { tranId } = await stack.createQr();
    const request = stack.startPayRequest(tranId);
    const reversal = await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'TIMEOUT'));
    expect(reversal.status).toBe(404);
    expectError(await stack.post('/qr/v1/payments', request), '/payments', 400, 'ACCOUNT_ALREADY_SETTLED');
    expect(stack.partner.requests()).toHaveLength(0);
  });

  it('passes a partner decline through with its errorType and provider fields, with no reversal', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'INSUFFICIENT_FUNDS' } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 400, 'INSUFFICIENT_FUNDS');
    expect(paid.body.tranId).toBe(tranId);
    expect(await timelineState(stack, tranId)).toBe('FAILED');
    await hubQueueSettled(stack, tranId);
    expect(stack.partner.requests().filter((m) => m.operation === 'reverse')).toHaveLength(0);
  });

  it('answers 400 DECLINED_BY_PARTNER when the partner declines with a type that is not an Electrum errorType', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'WALLET_FROZEN' } });
    const { paid } = await payAndScan(stack);
    expectError(paid, '/payments', 400, 'DECLINED_BY_PARTNER');
  });

  it('answers 504 UPSTREAM_UNAVAILABLE when the partner does not answer in time, and reverses upstream with one advice', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'hang' } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 504, 'UPSTREAM_UNAVAILABLE');
    await until(async () => (await timelineState(stack, tranId)) === 'REVERSED', 'hub timeout reversal');
    // The partner's 404 is resent until the pay cannot be in flight (test/hub/reversal-race.test.ts): same advice.
    const reversals = stack.partner.requests().filter((m) => m.operation === 'reverse');
    expect(new Set(reversals.map((m) => (m.body as { id: string }).id)).size).toBe(1);
    expect(reversals[0]!.body).toMatchObject({ reversalReason: 'TIMEOUT', tranId });
  });

  it('answers 504 and reverses with RESPONSE_NOT_FINAL when the partner answers 500', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'error', status: 500 } });
    const { tranId, request, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 504, 'UPSTREAM_UNAVAILABLE');
    await until(async () => (await timelineState(stack, tranId)) === 'REVERSED', 'hub reversal');
    expect(stack.partner.requests().find((m) => m.operation === 'reverse')!.body).toMatchObject({ reversalReason: 'RESPONSE_NOT_FINAL' });
    const posReversal = await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'RESPONSE_NOT_FINAL'));
    expect(posReversal.status).toBe(202);
    stack.partner.setBehaviour({ pay: { mode: 'approve' } });
    await upstreamSettled(stack, tranId);
    const reversals = stack.partner.requests().filter((m) => m.operation === 'reverse');
    expect(new Set(reversals.map((m) => (m.body as { id: string }).id)).size).toBe(1);
  });

  it('answers 504 and reverses with RESPONSE_NOT_FINAL when the partner answers 504', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'error', status: 504 } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 504, 'UPSTREAM_UNAVAILABLE', { tranId });
    await until(async () => (await timelineState(stack, tranId)) === 'REVERSED', 'hub reversal');
    expect(stack.partner.requests().find((m) => m.operation === 'reverse')!.body).toMatchObject({ reversalReason: 'RESPONSE_NOT_FINAL' });
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when the partner answers 501, with no reversal', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'error', status: 501 } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 503, 'UPSTREAM_UNAVAILABLE', { tranId });
    expect(await timelineState(stack, tranId)).toBe('FAILED');
    await hubQueueSettled(stack, tranId);
    expect(stack.partner.requests().filter((m) => m.operation === 'reverse')).toHaveLength(0);
  });

  it('answers 400 INVALID_AMOUNT above the QR value without over-payment, and in another currency', async () => {
    const { tranId } = await stack.createQr({ qrProperties: { value: { amount: 5000, currency: '710' } } });
    expectError(await stack.startPay(tranId, { amounts: { requestAmount: { amount: 6000, currency: '710' } } }).answer, '/payments', 400, 'INVALID_AMOUNT');
    const { tranId: other } = await stack.createQr({ qrProperties: { value: { amount: 5000, currency: '710' } } });
    expectError(await stack.startPay(other, { amounts: { requestAmount: { amount: 5000, currency: '840' } } }).answer, '/payments', 400, 'INVALID_AMOUNT');
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when the partner answers 503, with no reversal', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'error', status: 503 } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 503, 'UPSTREAM_UNAVAILABLE');
    expect(await timelineState(stack, tranId)).toBe('FAILED');
    await hubQueueSettled(stack, tranId);
    expect(stack.partner.requests().filter((m) => m.operation === 'reverse')).toHaveLength(0);
  });
});

describe('POST /qr/v1/payments with an unreachable partner', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ partnerUrl: 'http://127.0.0.1:9/qr/v1' });
  });
  afterAll(async () => stack.close());

  it('answers 503 UPSTREAM_UNAVAILABLE when the connection is refused before sending', async () => {
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 503, 'UPSTREAM_UNAVAILABLE');
    expect(await timelineState(stack, tranId)).toBe('FAILED');
  });
});

describe('POST /qr/v1/payments duplicate ids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ merchants: [{ client: 'till-01', merchantId: '123456789012345' }] });
  });
  afterAll(async () => stack.close());

  it('answers DUPLICATE_RECORD to a reused payment id even when its tranId or merchant is wrong too', async () => {
    const { tranId } = await stack.createQr();
    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    expectError(await stack.post('/qr/v1/payments', { ...request, tranId: 'f'.repeat(32) }), '/payments', 400, 'DUPLICATE_RECORD');
    const originator = { ...request.originator, merchant: { ...request.originator.merchant, merchantId: '999999999999999' } };
    expectError(await stack.post('/qr/v1/payments', { ...request, originator }), '/payments', 400, 'DUPLICATE_RECORD');
    await stack.post('/qr/v1/payments/reversals', { id: crypto.randomUUID(), requestId: request.id, time: new Date().toISOString(),
      thirdPartyIdentifiers: [], reversalReason: 'CANCELLED' });
    expectError(await answer, '/payments', 400, 'NO_SCAN_RECEIVED');
  });
});
