import type { PaymentRecord, UpstreamAdviceRecord } from '../store/records.js';
import type { Change, TranView, Write } from '../store/store.js';
import type { AdviceResult } from '../upstream/partner-client.js';

// What a partner's answer to an upstream advice does (docs/protocol.md §8 answer table).

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export interface DeliveryRules {
  backoff: Backoff;
  /** How long after the hub sent a pay that pay may still be in flight at the partner: 2 × timeouts.partnerSeconds. */
  payInFlightMs: number;
}

export function retryDelayMs(attempts: number, backoff: Backoff): number {
  return Math.min(backoff.initialMs * 2 ** Math.max(0, attempts - 1), backoff.maxMs);
}

/**
 * A 404 to the reversal of a pay whose outcome is unknown may only mean the partner has not recorded that pay yet
 * (docs/protocol.md §8): it is final once the pay can no longer be in flight there, and resent until then.
 */
export function payMayBeInFlight(payment: PaymentRecord, reversalQueuedAt: number, now: number, payInFlightMs: number): boolean {
  if (payment.upstreamOutcome !== 'unknown' || !payment.upstreamRequest) return false;
  // The upstream pay's `time` is stamped as it is forwarded; the reversal, queued after the pay gave up, is a later
  // stand-in should that stamp ever be unreadable.
  const stamped = Date.parse(payment.upstreamRequest.time);
  const sentAt = Number.isNaN(stamped) ? reversalQueuedAt : stamped;
  return now < sentAt + payInFlightMs;
}

export function decideDelivery(view: TranView, adviceId: string, answer: AdviceResult, now: number,
  rules: DeliveryRules): Change<UpstreamAdviceRecord | undefined> {
  const advice = view.upstreamAdvice;
  const payment = view.payment;
  if (!advice || advice.id !== adviceId || advice.state !== 'pending' || !payment) return { result: undefined, writes: [] };
  const { backoff } = rules;
  const result: AdviceResult = answer.kind === 'done' && answer.status === 404 && advice.kind === 'reversal'
    && payMayBeInFlight(payment, advice.queuedAt, now, rules.payInFlightMs)
    ? { kind: 'retry', reason: 'status 404 while the pay may be in flight' }
    : answer;
  const attempts = advice.attempts + 1;
  const event = (type: string, detail: Record<string, unknown>): Write =>
    ({ op: 'event', event: { tranId: advice.tranId, at: now, type, detail: { paymentId: payment.id, kind: advice.kind, attempts, ...detail } } });

  if (result.kind === 'retry') {
    const updated = { ...advice, attempts, lastStatus: result.reason, nextAttemptAt: now + retryDelayMs(attempts, backoff) };
    return {
      result: updated,
      writes: [{ op: 'updateUpstreamAdvice', advice: updated },
        event('advice.retry', { reason: result.reason, nextAttemptAt: new Date(updated.nextAttemptAt).toISOString() })],
    };
  }
  const delivered = result.kind === 'done';
  const updated: UpstreamAdviceRecord = { ...advice, attempts, lastStatus: String(result.status), finishedAt: now,
    state: delivered ? 'delivered' : 'failed' };
  const writes: Write[] = [{ op: 'updateUpstreamAdvice', advice: updated },
    event(delivered ? 'advice.delivered' : 'advice.failed', { status: result.status })];
  // docs/protocol.md §5: a reversal's final outcome ends REVERSING; a refusal also raises the alert above.
  if (advice.kind === 'reversal' && payment.state === 'REVERSING') {
    writes.push({ op: 'updatePayment', payment: { ...payment, state: 'REVERSED', updatedAt: now } },
      { op: 'event', event: { tranId: advice.tranId, at: now, type: 'payment.reversed', detail: { paymentId: payment.id } } });
  }
  return { result: updated, writes };
}
