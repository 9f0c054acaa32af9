import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../partner/request-log.js';
import { expectError, expectUpstreamMessagesValid, payAndScan, timelineState, until } from '../support/flows.js';
import { startStack, type Stack } from '../support/stack.js';

// Issue 8 §1: the hub's timeout reversal reaches a slow partner before the pay it reverses (docs/protocol.md §8).

const PARTNER_SECONDS = 2;
/** The Demo Wallet records the pay this long after receiving it: past the hub's wait, inside twice that wait. */
const PAY_DELAY_MS = 2_500;

describe('a timeout reversal that overtakes its pay at the partner', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ timeouts: { partnerSeconds: PARTNER_SECONDS }, saf: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4 } });
  });
  afterAll(async () => stack.close());
  afterEach(() => expectUpstreamMessagesValid(stack));
  beforeEach(() => stack.partner.reset());

  const sent = (operation: ReceivedMessage['operation'], tranId: string) => stack.partner.requests()
    .filter((m) => m.operation === operation && (m.body as { tranId: string }).tranId === tranId);
  const upstreamAdvice = async (tranId: string) => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice;
  const hubLog = (tranId: string) => stack.logs.map((line) => JSON.parse(line) as { level: string; msg: string; tranId?: string })
    .filter((line) => line.tranId === tranId);

  /** Pay and scan with the wallet's pay delayed past the hub's wait: the till gets 504, the pay lands later. */
  async function slowPay() {
    stack.partner.setBehaviour({ pay: { mode: 'approve', delayMs: PAY_DELAY_MS } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 504, 'UPSTREAM_UNAVAILABLE', { tranId });
    return tranId;
  }

  /** The positive ends: the partner has answered the late pay, and the hub has finished the reversal. */
  async function settled(tranId: string): Promise<void> {
    await until(() => sent('pay', tranId)[0]?.response !== undefined, 'the partner answers the late pay', 1_000);
    await until(async () => (await upstreamAdvice(tranId))?.state !== 'pending', 'the reversal finished', 1_000);
  }

  function expectNothingReserved(): void {
    const ledger = stack.partner.ledger.snapshot();
    expect(Object.values(ledger.reservations).filter((r) => r.state === 'reserved')).toEqual([]);
    expect(ledger.available).toBe(ledger.balance);
  }

  async function expectReversedWithoutAlert(tranId: string): Promise<void> {
    expect(await timelineState(stack, tranId)).toBe('REVERSED');
    expect(await upstreamAdvice(tranId)).toMatchObject({ state: 'delivered' });
    expect(hubLog(tranId).filter((line) => line.level === 'error' || line.msg.includes('reconciliation'))).toEqual([]);
    const reversals = sent('reverse', tranId);
    expect(new Set(reversals.map((m) => (m.body as { id: string }).id)).size).toBe(1);
    expect(reversals[0]!.body).toMatchObject({ reversalReason: 'TIMEOUT' });
  }

  it('leaves nothing reserved: the reversal gets 404 first, the late pay is refused, the payment ends REVERSED', async () => {
    const tranId = await slowPay();
    await settled(tranId);
    expectNothingReserved();
    await expectReversedWithoutAlert(tranId);
    // The race really happened: the reversal came first, and the wallet's tombstone refused the late pay.
    expect(sent('reverse', tranId)[0]!.response).toEqual({ status: 404 });
    expect(sent('pay', tranId)[0]!.response).toMatchObject({ status: 400, body: { errorType: 'ACCOUNT_ALREADY_SETTLED' } });
  });

  it('hub half: resends its reversal after a 404 while the pay may be in flight, so a partner without tombstones releases it', async () => {
    // A partner that keeps no tombstone: its 404 leaves no trace, and the late pay reserves.
    stack.partner.setBehaviour({ reverse: { mode: 'decline', status: 404, errorType: 'UNABLE_TO_LOCATE_RECORD' } });
    const tranId = await slowPay();
    await until(() => sent('pay', tranId)[0]?.response !== undefined, 'the partner answers the late pay', 1_000);
    expect(sent('pay', tranId)[0]!.response).toMatchObject({ status: 201 });
    stack.partner.setBehaviour({ reverse: { mode: 'approve' } });
    await settled(tranId);
    expect(sent('reverse', tranId)[0]!.response).toMatchObject({ status: 404 });
    expect(sent('reverse', tranId).at(-1)!.response).toMatchObject({ status: 202 });
    expectNothingReserved();
    expect(stack.partner.ledger.snapshot().counters.reverse.applied).toBe(1);
    await expectReversedWithoutAlert(tranId);
  });

  it('takes a 404 as final once twice partnerSeconds have passed since the pay was sent', async () => {
    stack.partner.setBehaviour({ pay: { mode: 'hang' } });
    const { tranId, paid } = await payAndScan(stack);
    expectError(paid, '/payments', 504, 'UPSTREAM_UNAVAILABLE', { tranId });
    await until(async () => (await upstreamAdvice(tranId))?.state !== 'pending', 'the reversal finished', 1_000);
    const paySentAt = Date.parse((sent('pay', tranId)[0]!.body as { time: string }).time);
    const reversals = sent('reverse', tranId);
    expect(reversals.length).toBeGreaterThan(1);
    expect(reversals.every((m) => m.response?.status === 404)).toBe(true);
    expect(Date.parse(reversals.at(-1)!.receivedAt)).toBeGreaterThanOrEqual(paySentAt + 2 * PARTNER_SECONDS * 1000);
    expect(await upstreamAdvice(tranId)).toMatchObject({ lastStatus: '404', attempts: reversals.length });
    await expectReversedWithoutAlert(tranId);
  });
});
