import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { samplePaymentReversal } from '../support/fixtures.js';
import { approvedPayment, confirm, until, upstreamSettled, expectUpstreamMessagesValid } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

async function upstreamAdvice(stack: Stack, tranId: string) {
  return (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice;
}

describe('store-and-forward of advices from the hub to the partner', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ saf: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4 }, timeouts: { partnerSeconds: 1 } });
  });
  afterAll(async () => stack.close());
  afterEach(() => expectUpstreamMessagesValid(stack));
  beforeEach(() => stack.partner.reset());

  it('retries after 500, 503 and a timeout with growing delays until the partner accepts, same advice id each time', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'error', status: 500, times: 2 } });
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'delivered', 'delivery after retries');
    const sent = stack.partner.requests().filter((m) => m.operation === 'confirm');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => (m.body as { id: string }).id)).size).toBe(1);
    const gaps = sent.slice(1).map((m, i) => Date.parse(m.receivedAt) - Date.parse(sent[i]!.receivedAt));
    expect(gaps[0]).toBeGreaterThanOrEqual(90);
    expect(gaps[1]).toBeGreaterThanOrEqual(190);
    expect(stack.partner.ledger.snapshot().counters.confirm.applied).toBe(1);
    const events = (await stack.get(`/hub/v1/transactions/${tranId}`)).body.events.map((e: { type: string }) => e.type);
    expect(events.filter((type: string) => type === 'advice.retry')).toHaveLength(2);
  });

  it('keeps retrying through 503 and a hanging partner (deliberately departing from 503 = failed)', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ reverse: { mode: 'error', status: 503, times: 1 } });
    expect((await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'CANCELLED'))).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'delivered', 'delivery after 503');
    expect(stack.partner.requests().filter((m) => m.operation === 'reverse')).toHaveLength(2);

    const second = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'hang', times: 1 } });
    expect((await confirm(stack, second.request.id)).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, second.tranId))?.state === 'delivered', 'delivery after timeout');
    expect((await upstreamAdvice(stack, second.tranId)).attempts).toBe(2);
  });

  it('stops and raises a reconciliation alert when the partner answers 400', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'decline', status: 400, errorType: 'FORMAT_ERROR' } });
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'failed', 'alert');
    stack.partner.setBehaviour({ confirm: { mode: 'approve' } });
    await upstreamSettled(stack, tranId);
    expect(stack.partner.requests().filter((m) => m.operation === 'confirm')).toHaveLength(2);
    expect(stack.logs.some((line) => line.includes('reconciliation alert') && line.includes(tranId))).toBe(true);
    const queue = await stack.get('/hub/v1/saf', { username: 'operator', password: 'operator-secret' });
    expect(queue.body.some((advice: { tranId: string; state: string }) => advice.tranId === tranId && advice.state === 'failed')).toBe(true);
  });

  it('ends a reversal the partner refuses (400) as REVERSED, with the advice failed and an alert', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ reverse: { mode: 'decline', status: 400, errorType: 'FORMAT_ERROR' } });
    expect((await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'CANCELLED'))).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'failed', 'refused reversal');
    expect((await stack.get(`/hub/v1/transactions/${tranId}`)).body.state).toBe('REVERSED');
    await until(() => stack.logs.some((line) => line.includes('reconciliation alert') && line.includes(tranId)), 'the alert');
  });

  it('stops and alerts when the partner answers 404 to a confirmation', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'decline', status: 404, errorType: 'UNABLE_TO_LOCATE_RECORD' } });
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'failed', 'alert on 404');
    expect((await upstreamAdvice(stack, tranId)).lastStatus).toBe('404');
  });

  it('treats a partner 404 to a till\'s reversal as done: delivered, REVERSED, and no reconciliation alert', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ reverse: { mode: 'decline', status: 404, errorType: 'UNABLE_TO_LOCATE_RECORD' } });
    expect((await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'CANCELLED'))).status).toBe(202);
    // The worker logs the partner's final answer once it has recorded it: delivered, or refused with an alert.
    const logged = () => stack.logs.map((line) => JSON.parse(line) as { level: string; msg: string; tranId?: string })
      .filter((line) => line.tranId === tranId);
    await until(() => logged().some((line) => line.msg === 'advice delivered' || line.level === 'error'), 'the final answer');
    expect(logged().filter((line) => line.level === 'error' || line.msg.includes('reconciliation'))).toEqual([]);
    expect(await upstreamAdvice(stack, tranId)).toMatchObject({ state: 'delivered', lastStatus: '404', attempts: 1 });
    expect((await stack.get(`/hub/v1/transactions/${tranId}`)).body.state).toBe('REVERSED');
    const queue = await stack.get('/hub/v1/saf', AUTH.admin);
    expect(queue.status).toBe(200);
    expect(queue.body.filter((advice: { tranId: string }) => advice.tranId === tranId)).toEqual([]);
  });

  it('picks the queue up again after a restart', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'error', status: 500 } });
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(() => stack.partner.requests().some((m) => m.operation === 'confirm'), 'first attempt');
    await stack.restartHub();
    stack.partner.setBehaviour({ confirm: { mode: 'approve' } });
    await until(async () => (await upstreamAdvice(stack, tranId))?.state === 'delivered', 'delivery after restart');
    expect(stack.partner.ledger.snapshot().counters.confirm.applied).toBe(1);
  });
});
