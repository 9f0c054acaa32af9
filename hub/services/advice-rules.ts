import {
  errorDetail, type Institution, type PaymentConfirmation, type PaymentReversal,
} from '../../protocol/index.js';
import { badRequest } from '../errors.js';
import type { AdviceKind, AdviceRecord, PaymentRecord } from '../store/records.js';
import type { Change, TranView, Write } from '../store/store.js';
import type { Answer } from './answers.js';
import { queueUpstreamAdvice } from './upstream-advice.js';

// POS advices (docs/protocol.md §6.7, §6.9, §8, §9): stored durably and answered at once; the POS's first final decision
// wins, and each payment gets at most one advice upstream.

export interface AdviceInput {
  kind: AdviceKind;
  advice: PaymentConfirmation | PaymentReversal;
  clientId: string;
  now: number;
  /** The scanning partner of a payment, for the upstream advice. */
  partnerOf: (payment: PaymentRecord) => Institution;
}

export function decideAdvice(view: TranView, input: AdviceInput): Change<Answer> {
  const { kind, advice, clientId, now } = input;
  const payment = view.payment;
  const ids = { originalId: advice.requestId, tranId: advice.tranId ?? payment?.tranId };
  const existing = view.adviceById;
  if (existing) {
    if (existing.paymentId === advice.requestId && existing.clientId === clientId) return { result: { status: 202, body: existing.body }, writes: [] };
    throw badRequest('DUPLICATE_RECORD', 'Advice id already used', ids);
  }
  if (!payment) {
    const detail = errorDetail('UNABLE_TO_LOCATE_RECORD', 'No payment for this requestId', ids);
    if (kind === 'confirmation') return { result: { status: 404, body: detail }, writes: [] };
    return { result: { status: 404, body: detail },
      writes: [{ op: 'insertTombstone', clientId, paymentId: advice.requestId, at: now }] };
  }
  if (advice.tranId !== undefined && advice.tranId !== payment.tranId) throw badRequest('INVALID_TRAN_ID', 'tranId differs from the payment', ids);
  if (view.advices.some((other) => other.kind !== kind)) throw badRequest('ACCOUNT_ALREADY_SETTLED', 'Payment already settled', ids);

  const reason = kind === 'reversal' ? (advice as PaymentReversal).reversalReason : undefined;
  const record: AdviceRecord = { kind, id: advice.id, clientId, paymentId: payment.id, receivedAt: now, body: advice };
  const accept = (more: Write[]): Change<Answer> => ({
    result: { status: 202, body: advice },
    writes: [
      { op: 'insertAdvice', advice: record },
      { op: 'event', event: { tranId: payment.tranId, at: now, type: 'advice.received', detail: { paymentId: payment.id, kind, reason } } },
      ...more,
    ],
  });
  if (view.advices.some((other) => other.kind === kind)) return accept([]);
  checkAdviceAmount(advice, payment, ids);
  const update = (changes: Partial<PaymentRecord>): Write => ({ op: 'updatePayment', payment: { ...payment, ...changes, updatedAt: now } });
  const event = (type: string): Write => ({ op: 'event', event: { tranId: payment.tranId, at: now, type, detail: { paymentId: payment.id } } });

  if (kind === 'confirmation') {
    switch (payment.state) {
      case 'APPROVED':
        return accept([update({ state: 'CONFIRMED' }), ...queueUpstreamAdvice(payment, input.partnerOf(payment), 'confirmation', advice, undefined, now)]);
      case 'REVERSING':
      case 'REVERSED':
        throw badRequest('ACCOUNT_ALREADY_SETTLED', 'Payment reversed or being reversed', ids);
      default:
        return { result: { status: 404, body: errorDetail('UNABLE_TO_LOCATE_RECORD', 'No approved payment for requestId', ids) }, writes: [] };
    }
  }
  switch (payment.state) {
    case 'AWAITING_SCAN':
      return accept([update({ state: 'CANCELLED' }), event('payment.cancelled')]);
    case 'FORWARDED':
      return accept([update({ state: 'REVERSING', pendingReversalReason: reason }), event('payment.reversal-requested')]);
    case 'APPROVED':
      return accept([update({ state: 'REVERSING' }), ...queueUpstreamAdvice(payment, input.partnerOf(payment), 'reversal', advice, reason, now)]);
    case 'CONFIRMED':
      throw badRequest('ACCOUNT_ALREADY_SETTLED', 'Payment already confirmed', ids);
    default:
      return accept([]);
  }
}

/** docs/protocol.md §7: an advice's approvedAmount is the final amount, never above what was authorised. */
function checkAdviceAmount(advice: PaymentConfirmation | PaymentReversal, payment: PaymentRecord,
  ids: { originalId: string; tranId?: string }): void {
  const final = advice.amounts?.approvedAmount;
  if (!final) return;
  const authorised = payment.posResponse?.amounts.approvedAmount ?? payment.request.amounts.requestAmount;
  if (final.amount < 0) throw badRequest('INVALID_AMOUNT', 'approvedAmount below zero', ids);
  if (authorised && (final.currency !== authorised.currency || final.amount > authorised.amount)) {
    throw badRequest('INVALID_AMOUNT', 'approvedAmount above the authorised', ids);
  }
}
