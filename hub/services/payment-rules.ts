import { errorDetail, type Institution, type PaymentRequest, type PaymentReversal } from '../../protocol/index.js';
import { badRequest } from '../errors.js';
import type { PaymentRecord, QrCodeRecord } from '../store/records.js';
import type { Change, TranView, Write } from '../store/store.js';
import type { PayResult } from '../upstream/partner-client.js';
import { buildPosPaymentResponse } from '../upstream/messages.js';
import { detailAnswer, errorAnswer, type Answer } from './answers.js';
import { queueUpstreamAdvice } from './upstream-advice.js';

// The payment state machine of docs/protocol.md §5 as pure decisions over a transaction's committed view.

export function decideOpenPayment(view: TranView, request: PaymentRequest, clientId: string, now: number,
  deadlineAt: number): Change<PaymentRecord> {
  const ids = { originalId: request.id, tranId: request.tranId };
  // docs/protocol.md §8: a reused id is a duplicate whatever else is wrong with the request.
  if (view.idTaken) throw badRequest('DUPLICATE_RECORD', 'Payment id already used', ids);
  if (view.tombstoned) throw badRequest('ACCOUNT_ALREADY_SETTLED', 'Payment id was already reversed', ids);
  const qr = view.qr;
  if (!qr || qr.clientId !== clientId) throw badRequest('INVALID_TRAN_ID', 'Unknown tranId', ids);
  if (view.payment) throw badRequest('INVALID_TRAN_ID', 'tranId already has a payment', ids);
  if (now > qr.expiresAt) throw badRequest('INVALID_TRAN_ID', 'tranId has expired', ids);
  checkAmount(request, qr);
  const payment: PaymentRecord = {
    id: request.id, tranId: request.tranId, clientId, state: 'AWAITING_SCAN', request, receivedAt: now, deadlineAt, updatedAt: now,
  };
  const amount = request.amounts.requestAmount!;
  return {
    result: payment,
    writes: [
      { op: 'insertPayment', payment },
      { op: 'event', event: { tranId: request.tranId, at: now, type: 'payment.received',
        detail: { paymentId: request.id, amount: amount.amount, currency: amount.currency, deadlineAt: new Date(deadlineAt).toISOString() } } },
    ],
  };
}

/** docs/protocol.md §7: the requested amount must be positive and respect the QR code's value and part/over-payment flags. */
function checkAmount(request: PaymentRequest, qr: QrCodeRecord): void {
  const ids = { originalId: request.id, tranId: request.tranId };
  const amount = request.amounts.requestAmount;
  if (!amount || amount.amount <= 0) throw badRequest('INVALID_AMOUNT', 'requestAmount must be above zero', ids);
  const value = qr.qrProperties.value;
  if (!value) return;
  if (value.currency !== amount.currency) throw badRequest('INVALID_AMOUNT', 'Currency differs from the QR code', ids);
  if (amount.amount < value.amount && !qr.qrProperties.partPaymentAllowed) {
    throw badRequest('INVALID_AMOUNT', 'Amount below the QR code value', ids);
  }
  if (amount.amount > value.amount && !qr.qrProperties.overPaymentAllowed) {
    throw badRequest('INVALID_AMOUNT', 'Amount above the QR code value', ids);
  }
}

/** The scan window closed: a payment still waiting fails with NO_SCAN_RECEIVED (a failed class, no reversal). */
export function decideExpiry(view: TranView, now: number, reason: string): Change<void> {
  const payment = view.payment;
  if (!payment || payment.state !== 'AWAITING_SCAN') return { result: undefined, writes: [] };
  return { result: undefined, writes: expiryWrites(payment, now, reason) };
}

export function expiryWrites(payment: PaymentRecord, now: number, reason: string): Write[] {
  const detail = errorDetail('NO_SCAN_RECEIVED', 'No scan received in time', { originalId: payment.id, tranId: payment.tranId });
  return [
    { op: 'updatePayment', payment: { ...payment, state: 'FAILED', failure: { status: 400, detail }, updatedAt: now } },
    { op: 'event', event: { tranId: payment.tranId, at: now, type: 'payment.expired', detail: { paymentId: payment.id, reason } } },
  ];
}

/** The POS's own reversal, if it sent one while the pay was with the partner: its amounts, stan and rrn go upstream. */
function posReversal(view: TranView): PaymentReversal | undefined {
  return view.advices.find((advice) => advice.kind === 'reversal')?.body as PaymentReversal | undefined;
}

export interface UpstreamParties {
  partner: Institution;
}

/** How the partner's answer to the forwarded pay moves the payment (docs/protocol.md §6.2, §6.8, §6.10). */
export function decideUpstreamOutcome(view: TranView, result: PayResult, parties: UpstreamParties, now: number): Change<Answer> {
  const payment = view.payment;
  if (!payment) throw new Error('upstream outcome for a payment that does not exist');
  const ids = { originalId: payment.id, tranId: payment.tranId };
  if (payment.state !== 'FORWARDED' && payment.state !== 'REVERSING') {
    return { result: errorAnswer(500, 'GENERAL_ERROR', 'Payment in an unexpected state', ids), writes: [] };
  }
  if (payment.upstreamOutcome !== undefined) {
    return { result: errorAnswer(500, 'GENERAL_ERROR', 'Payment already answered', ids), writes: [] };
  }
  const reversedByPos = payment.state === 'REVERSING';
  const event = (type: string, detail: Record<string, unknown>): Write =>
    ({ op: 'event', event: { tranId: payment.tranId, at: now, type, detail: { paymentId: payment.id, partnerMs: result.partnerMs, ...detail } } });
  const reversedAnswer = errorAnswer(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment reversed by the retailer', ids);

  if (result.kind === 'approved') {
    const posResponse = buildPosPaymentResponse(payment.request, payment.upstreamRequest!, result.response, parties.partner, now);
    const approved = result.response.amounts.approvedAmount ?? payment.request.amounts.requestAmount;
    const updated: PaymentRecord = { ...payment, upstreamOutcome: 'approved', partnerResponse: result.response, posResponse,
      state: reversedByPos ? 'REVERSING' : 'APPROVED', updatedAt: now };
    const writes: Write[] = [{ op: 'updatePayment', payment: updated },
      event('payment.approved', { partnerId: parties.partner.id, amount: approved?.amount, currency: approved?.currency })];
    if (!reversedByPos) return { result: { status: 201, body: posResponse }, writes };
    writes.push(...queueUpstreamAdvice(updated, parties.partner, 'reversal', posReversal(view), payment.pendingReversalReason, now));
    return { result: reversedAnswer, writes };
  }

  if (result.kind === 'unknown') {
    const updated: PaymentRecord = { ...payment, state: 'REVERSING', upstreamOutcome: 'unknown', updatedAt: now,
      failure: { status: 504, detail: errorDetail('UPSTREAM_UNAVAILABLE', 'Partner did not answer in time', ids) } };
    return {
      result: reversedByPos ? reversedAnswer : detailAnswer(504, updated.failure!.detail),
      writes: [{ op: 'updatePayment', payment: updated }, event('payment.unknown', { reason: result.reason }),
        ...queueUpstreamAdvice(updated, parties.partner, 'reversal', posReversal(view), result.reversalReason, now)],
    };
  }

  const failure = result.kind === 'declined'
    ? { status: 400, detail: errorDetail(result.errorType, 'Declined by partner', { ...ids,
      providerErrorCode: result.provider.code, providerErrorMsg: result.provider.message, providerRef: result.provider.ref }) }
    : { status: 503, detail: errorDetail('UPSTREAM_UNAVAILABLE', 'Partner unavailable', ids) };
  const updated: PaymentRecord = { ...payment, state: 'FAILED', upstreamOutcome: result.kind, failure, updatedAt: now };
  return {
    result: reversedByPos ? reversedAnswer : detailAnswer(failure.status, failure.detail),
    writes: [{ op: 'updatePayment', payment: updated },
      event(result.kind === 'declined' ? 'payment.declined' : 'payment.failed',
        { errorType: failure.detail.errorType, partnerStatus: result.kind === 'declined' ? result.status : undefined })],
  };
}
