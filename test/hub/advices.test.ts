import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newUuid } from '../../protocol/index.js';
import { samplePaymentConfirmation, samplePaymentReversal } from '../support/fixtures.js';
import { approvedPayment, confirm, expectError, timelineState, until, upstreamSettled, expectUpstreamMessagesValid } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

const CONFIRMATIONS = '/qr/v1/payments/confirmations';
const REVERSALS = '/qr/v1/payments/reversals';

describe('POST /qr/v1/payments/confirmations and /reversals', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());
  afterEach(() => expectUpstreamMessagesValid(stack));
  beforeEach(() => stack.partner.reset());

  it('answers 404 UNABLE_TO_LOCATE_RECORD to a confirmation with no approved payment', async () => {
    expectError(await confirm(stack, newUuid()), '/payments/confirmations', 404, 'UNABLE_TO_LOCATE_RECORD');
  });

  it('answers 404 to a reversal of an unknown requestId (success for the POS)', async () => {
    const answer = await stack.post(REVERSALS, samplePaymentReversal(newUuid(), 'TIMEOUT'));
    expectError(answer, '/payments/reversals', 404, 'UNABLE_TO_LOCATE_RECORD');
  });

  it('looks an advice requestId up only within the authenticated client', async () => {
    const { request } = await approvedPayment(stack);
    const foreign = await stack.post(CONFIRMATIONS, samplePaymentConfirmation(request.id), AUTH.otherRetailer);
    expectError(foreign, '/payments/confirmations', 404, 'UNABLE_TO_LOCATE_RECORD');
  });

  it('answers an exact repeat with 202 and the same echo, and the same id with other content with DUPLICATE_RECORD', async () => {
    const { request } = await approvedPayment(stack);
    const advice = samplePaymentConfirmation(request.id);
    const first = await stack.post(CONFIRMATIONS, advice);
    const repeat = await stack.post(CONFIRMATIONS, advice);
    expect([first.status, repeat.status]).toEqual([202, 202]);
    expect(repeat.body).toEqual(first.body);
    const { request: other } = await approvedPayment(stack);
    expectError(await stack.post(CONFIRMATIONS, { ...advice, requestId: other.id }), '/payments/confirmations', 400, 'DUPLICATE_RECORD');
  });

  it('accepts a new advice id for an already confirmed payment with 202 and sends nothing new upstream', async () => {
    const { tranId, request } = await approvedPayment(stack);
    expect((await confirm(stack, request.id)).status).toBe(202);
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice?.state === 'delivered', 'delivery');
    expect((await confirm(stack, request.id)).status).toBe(202);
    await upstreamSettled(stack, tranId);
    expect(stack.partner.requests().filter((m) => m.operation === 'confirm' && (m.body as { tranId?: string }).tranId === tranId))
      .toHaveLength(1);
  });

  it('answers 400 ACCOUNT_ALREADY_SETTLED to a reversal after a confirmation and to a confirmation after a reversal', async () => {
    const { request: confirmed } = await approvedPayment(stack);
    expect((await confirm(stack, confirmed.id)).status).toBe(202);
    expectError(await stack.post(REVERSALS, samplePaymentReversal(confirmed.id, 'CANCELLED')), '/payments/reversals', 400, 'ACCOUNT_ALREADY_SETTLED');
    const { request: reversed } = await approvedPayment(stack);
    expect((await stack.post(REVERSALS, samplePaymentReversal(reversed.id, 'CANCELLED'))).status).toBe(202);
    expectError(await confirm(stack, reversed.id), '/payments/confirmations', 400, 'ACCOUNT_ALREADY_SETTLED');
  });

  it('applies the duplicate and amount rules to reversals too: same echo, DUPLICATE_RECORD, INVALID_AMOUNT', async () => {
    const { request, paid } = await approvedPayment(stack);
    const above = { approvedAmount: { amount: paid.body.amounts.approvedAmount.amount + 1, currency: '710' } };
    expectError(await stack.post(REVERSALS, samplePaymentReversal(request.id, 'CANCELLED', { amounts: above })), '/payments/reversals', 400,
      'INVALID_AMOUNT', { originalId: request.id });
    const reversal = samplePaymentReversal(request.id, 'CANCELLED');
    const first = await stack.post(REVERSALS, reversal);
    const repeat = await stack.post(REVERSALS, reversal);
    expect([first.status, repeat.status]).toEqual([202, 202]);
    expect(repeat.body).toEqual(first.body);
    expectError(await stack.post(REVERSALS, { ...reversal, requestId: newUuid() }), '/payments/reversals', 400, 'DUPLICATE_RECORD');
  });

  it('answers 400 INVALID_AMOUNT to an advice whose approvedAmount is above the authorised amount', async () => {
    const { request, paid } = await approvedPayment(stack);
    const above = { approvedAmount: { amount: paid.body.amounts.approvedAmount.amount + 1, currency: '710' } };
    expectError(await confirm(stack, request.id, { amounts: above }), '/payments/confirmations', 400, 'INVALID_AMOUNT');
    const partial = { approvedAmount: { amount: 100, currency: '710' } };
    expect((await confirm(stack, request.id, { amounts: partial })).status).toBe(202);
  });

  it('records a reversal that arrives while the payment is with the partner and reverses once the partner approves', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'approve', delayMs: 1500 } });
    const { tranId, qrCode } = await stack.createQr();
    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    await stack.partner.scan({ qrPayload: qrCode });
    await stack.waitForState(tranId, 'FORWARDED');
    const reversal = await stack.post(REVERSALS, samplePaymentReversal(request.id, 'CANCELLED', { stan: '000777', rrn: 'RRN777' }));
    expect(reversal.status).toBe(202);
    expectError(await answer, '/payments', 400, 'ACCOUNT_ALREADY_SETTLED');
    await until(async () => (await timelineState(stack, tranId)) === 'REVERSED', 'reversal after approval');
    const sent = stack.partner.requests().filter((m) => m.operation === 'reverse');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ reversalReason: 'CANCELLED', tranId, stan: '000777', rrn: 'RRN777' });
  });

  it('answers 500 GENERAL_ERROR, never 503, when it cannot store an advice', async () => {
    const { request } = await approvedPayment(stack);
    const store = stack.hub.store;
    const original = store.transact.bind(store);
    store.transact = () => Promise.reject(new Error('disk full'));
    try {
      expectError(await confirm(stack, request.id), '/payments/confirmations', 500, 'GENERAL_ERROR');
    } finally {
      store.transact = original;
    }
    expect((await confirm(stack, request.id)).status).toBe(202);
  });
});
