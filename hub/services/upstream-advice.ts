import type { Institution, PaymentConfirmation, PaymentReversal, ReversalReason } from '../../protocol/index.js';
import type { AdviceKind, PaymentRecord, UpstreamAdviceRecord } from '../store/records.js';
import type { Write } from '../store/store.js';
import { buildUpstreamAdvice } from '../upstream/messages.js';

/** The writes that queue a payment's one upstream advice for the store-and-forward worker. */
export function queueUpstreamAdvice(payment: PaymentRecord, partner: Institution, kind: AdviceKind,
  posAdvice: PaymentConfirmation | PaymentReversal | undefined, reason: ReversalReason | undefined, now: number): Write[] {
  const body = buildUpstreamAdvice(payment, partner, kind, posAdvice, reason, now);
  const advice: UpstreamAdviceRecord = {
    id: body.id,
    paymentId: payment.id,
    tranId: payment.tranId,
    partnerId: partner.id,
    kind,
    body,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    queuedAt: now,
  };
  const detail: Record<string, unknown> = { paymentId: payment.id, kind, adviceId: advice.id };
  if (kind === 'reversal') detail.reason = (body as PaymentReversal).reversalReason;
  return [
    { op: 'insertUpstreamAdvice', advice },
    { op: 'event', event: { tranId: payment.tranId, at: now, type: 'advice.queued', detail } },
  ];
}
