import { z } from 'zod';
import type { HttpOutcome } from '../../common/http-json.js';
import type { ChargeInput, SaleOutcome, SalePhase } from '../preload/bridge-types.js';
import {
  Institution, LedgerAmount, nowIso, statusClass, ThirdPartyIdentifier, type PaymentRequest, type ReversalReason,
} from '../../protocol/index.js';
import {
  awaitsPartner, isOutboxOpen, isPaying, partnerRefused, type AdviceRecord, type PayResponseFacts, type SaleRecord,
} from './sale-record.js';
import { paymentConfirmation, paymentReversal } from './till-messages.js';

// How a sale moves (docs/protocol.md §4, §6): pure functions from a record to its next record. The engine runs them inside a
// store transaction, so the new state (and any advice it queues) is on disk before anything acts on it.

export const KEEP_SALES_MS = 7 * 24 * 3600_000;

export function newSale(input: ChargeInput, saleId: string, currency: string, now: number): SaleRecord {
  const at = nowIso(now);
  const sale: SaleRecord = { saleId, startedAt: at, updatedAt: at, amountMinor: input.amountMinor, currency, phase: 'creating-qr' };
  if (input.basket?.length) sale.basket = input.basket.map((line) => ({ ...line }));
  return sale;
}

function finish(sale: SaleRecord, phase: SalePhase, outcome: SaleOutcome, now: number, advice?: AdviceRecord): SaleRecord {
  const { payRequest, resentPayRequest: _resent, advice: _old, ...rest } = sale;
  const next: SaleRecord = { ...rest, phase, outcome: clean(outcome), updatedAt: nowIso(now) };
  // The pay request is kept only while an advice may still need it.
  if (advice) {
    next.advice = advice;
    if (payRequest) next.payRequest = payRequest;
  }
  return next;
}

function clean(outcome: SaleOutcome): SaleOutcome {
  return Object.fromEntries(Object.entries(outcome).filter(([, value]) => value !== undefined)) as SaleOutcome;
}

function reversalAdvice(request: PaymentRequest, response: PayResponseFacts | undefined, reason: ReversalReason,
  now: number): AdviceRecord {
  const message = paymentReversal(request, response, reason, now);
  return {
    kind: 'reversal', reversalReason: reason, state: 'pending', adviceId: message.id, message,
    queuedAt: nowIso(now), attempts: 0, nextAttemptAt: nowIso(now),
  };
}

/** createQrCode did not give a code: nothing was paid, so nothing is reversed (docs/protocol.md §4, "drop it"). */
export function qrNotIssued(sale: SaleRecord, outcome: HttpOutcome, now: number): SaleRecord {
  if (outcome.kind === 'not-sent') return finish(sale, 'not-completed', { reason: 'hub-unreachable', detail: outcome.code }, now);
  return finish(sale, 'not-completed', { reason: 'qr-failed', ...describe(outcome) }, now);
}

/** Ended before any pay left (a restart, an internal failure): no QR code was shown, nothing can have been paid. */
export function endedBeforePay(sale: SaleRecord, detail: string, now: number): SaleRecord {
  return finish(sale, 'not-completed', { reason: 'qr-failed', detail }, now);
}

/** The QR code is issued and the pay request is about to leave: written before it is sent. */
export function qrIssued(sale: SaleRecord, issued: { tranId: string; qrPayload: string; payRequest: PaymentRequest },
  scanWindowSeconds: number, now: number): SaleRecord {
  return {
    ...sale,
    phase: 'awaiting-scan',
    tranId: issued.tranId,
    qrPayload: issued.qrPayload,
    scanDeadline: nowIso(now + scanWindowSeconds * 1000),
    payRequest: issued.payRequest,
    updatedAt: nowIso(now),
  };
}

export function scanAccepted(sale: SaleRecord, partner: { id?: string; name?: string }, now: number): SaleRecord {
  const next: SaleRecord = { ...sale, phase: 'awaiting-approval', updatedAt: nowIso(now) };
  if (partner.id) next.partnerId = partner.id;
  if (partner.name) next.partnerName = partner.name;
  return next;
}

/** The answer (or its absence) to the pay call decides the sale (docs/protocol.md §4). */
export function payAnswered(sale: SaleRecord, outcome: HttpOutcome, confirmAfterSeconds: number, now: number): SaleRecord {
  const request = sale.payRequest!;
  switch (outcome.kind) {
    case 'not-sent':
      return finish(sale, 'not-completed', { reason: 'hub-unreachable', detail: outcome.code }, now);
    case 'timeout':
    case 'broken':
      return finish(sale, 'not-completed', { reason: 'outcome-unknown', ...describe(outcome) }, now,
        reversalAdvice(request, undefined, 'TIMEOUT', now));
    case 'response': {
      const cls = statusClass('pay', outcome.status);
      if (cls === 'successful') return approved(sale, request, outcome.body, confirmAfterSeconds, now);
      if (cls === 'unknown') {
        return finish(sale, 'not-completed', { reason: 'outcome-unknown', ...describe(outcome) }, now,
          reversalAdvice(request, undefined, 'RESPONSE_NOT_FINAL', now));
      }
      return finish(sale, 'declined', describe(outcome), now);
    }
  }
}

const SlipLines = z.object({ messageLines: z.array(z.object({ text: z.string() })) });
const IssuerReference = z.object({ issuerReference: z.string().min(1).max(40) });

/**
 * The wallet's own reference for a payment: the partner's thirdPartyIdentifiers entry (its institutionId is the
 * partner's id), which the interface merges into every answer; else the issuerReference on the partner's slipData.
 * The last such entry: entries are only ever appended, and one from the partner's scan comes before its payment's.
 */
export function walletReference(body: Record<string, unknown>, partnerId: string | undefined,
  identifiers: readonly ThirdPartyIdentifier[] | undefined): string | undefined {
  const own = partnerId ? identifiers?.findLast((entry) => entry.institutionId === partnerId) : undefined;
  if (own) return own.transactionIdentifier;
  const slip = IssuerReference.safeParse(body.slipData);
  return slip.success ? slip.data.issuerReference : undefined;
}

/** A receipt number: the terminal id and the till's receipt counter, e.g. TILL0001-000042. */
export function receiptNumber(terminalId: string, counter: number): string {
  return `${terminalId}-${String(counter).padStart(6, '0')}`;
}

/** Reads a 201 leniently: it is successful whatever else is odd about it, so the sale must be confirmed or voided. */
export function responseFacts(body: unknown, request: PaymentRequest): {
  facts: PayResponseFacts; partner?: z.infer<typeof Institution>; approvedMinor: number; slipLines?: string[];
  walletReference?: string;
} {
  const object = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const partner = Institution.safeParse(object.partner);
  const identifiers = z.array(ThirdPartyIdentifier).safeParse(object.thirdPartyIdentifiers);
  const approvedAmount = LedgerAmount.safeParse((object.amounts as Record<string, unknown> | undefined)?.approvedAmount);
  const slip = SlipLines.safeParse(object.slipData);
  const facts: PayResponseFacts = {
    thirdPartyIdentifiers: identifiers.success ? identifiers.data : request.thirdPartyIdentifiers,
  };
  if (partner.success) facts.partner = partner.data;
  if (approvedAmount.success) facts.approvedAmount = approvedAmount.data;
  const reference = walletReference(object, partner.success ? partner.data.id : undefined,
    identifiers.success ? identifiers.data : undefined);
  return {
    ...(reference ? { walletReference: reference } : {}),
    facts,
    ...(partner.success ? { partner: partner.data } : {}),
    approvedMinor: approvedAmount.success ? approvedAmount.data.amount : request.amounts.requestAmount?.amount ?? 0,
    ...(slip.success ? { slipLines: slip.data.messageLines.map((line) => line.text) } : {}),
  };
}

function approved(sale: SaleRecord, request: PaymentRequest, body: unknown, confirmAfterSeconds: number, now: number): SaleRecord {
  const read = responseFacts(body, request);
  const message = paymentConfirmation(request, read.facts, now);
  const advice: AdviceRecord = {
    kind: 'confirmation', state: 'held', adviceId: message.id, message, queuedAt: nowIso(now), attempts: 0,
    nextAttemptAt: nowIso(now + confirmAfterSeconds * 1000),
  };
  const next = finish(sale, 'approved', { httpStatus: 201 }, now, advice);
  next.payResponse = read.facts;
  next.approvedMinor = read.approvedMinor;
  if (read.partner) {
    next.partnerId = read.partner.id;
    next.partnerName = read.partner.name;
  }
  if (read.slipLines) next.slipLines = read.slipLines;
  if (read.walletReference) next.walletReference = read.walletReference;
  return next;
}

/** HTTP status, errorType and errorMessage of an answer, or the transport failure. */
export function describe(outcome: HttpOutcome): SaleOutcome {
  switch (outcome.kind) {
    case 'response': {
      const body = (outcome.body && typeof outcome.body === 'object' ? outcome.body : {}) as Record<string, unknown>;
      const described: SaleOutcome = { httpStatus: outcome.status };
      if (typeof body.errorType === 'string') described.errorType = body.errorType;
      if (typeof body.errorMessage === 'string') described.detail = body.errorMessage;
      return described;
    }
    case 'timeout':
      return { detail: 'timeout' };
    default:
      return { detail: outcome.code };
  }
}

/**
 * The pay resent under a fresh id after a DUPLICATE_RECORD was not approved: a copy of the first request reached the
 * hub (a proxy's retry, say) while its QR code was on screen, so the first one's outcome is unknown and it is reversed.
 * (Had the first really bound the tranId, the hub refuses the resend with INVALID_TRAN_ID: one pay per tranId.)
 */
export function firstPayMayHaveLanded(sale: SaleRecord, first: PaymentRequest, outcome: HttpOutcome, now: number): SaleRecord {
  return finish({ ...sale, payRequest: first }, 'not-completed', { reason: 'outcome-unknown', ...describe(outcome) }, now,
    reversalAdvice(first, undefined, 'TIMEOUT', now));
}

/** Cashier cancel: before the pay left nothing is owed; after, a CANCELLED reversal covers any outcome (§6.7). */
export function cancelled(sale: SaleRecord, now: number): SaleRecord {
  const outcome: SaleOutcome = { reason: 'cancelled', scanned: sale.phase === 'awaiting-approval' };
  if (!isPaying(sale) || !sale.payRequest) return finish(sale, 'cancelled', outcome, now);
  return finish(sale, 'cancelled', outcome, now, reversalAdvice(sale.payRequest, undefined, 'CANCELLED', now));
}

/** Void while the confirmation is still held: the reversal replaces it in the same write (§6.9). */
export function voided(sale: SaleRecord, now: number): SaleRecord {
  const next = finish(sale, 'voided', { ...sale.outcome, reason: 'voided' }, now,
    reversalAdvice(sale.payRequest!, sale.payResponse, 'CANCELLED', now));
  if (sale.payResponse) next.payResponse = sale.payResponse;
  return next;
}

export function released(sale: SaleRecord, now: number): SaleRecord {
  if (sale.advice?.state !== 'held') return sale;
  return { ...sale, advice: { ...sale.advice, state: 'pending', nextAttemptAt: nowIso(now) }, updatedAt: nowIso(now) };
}

export function dismissed(sale: SaleRecord, now: number): SaleRecord {
  return { ...released(sale, now), dismissed: true };
}

/**
 * A sale whose flow stopped before its pay answer was recorded (a restart, a close, a journal that refused the
 * answer): a pay that may have reached the hub is reversed (TIMEOUT: its answer counts as never seen), a QR request is
 * dropped. Undefined for a sale that is not in progress.
 */
export function interrupted(sale: SaleRecord, detail: string, now: number): SaleRecord | undefined {
  if (sale.phase === 'creating-qr' || (isPaying(sale) && !sale.payRequest)) return endedBeforePay(sale, detail, now);
  if (!isPaying(sale)) return undefined;
  return finish(sale, 'not-completed', { reason: 'outcome-unknown', detail }, now,
    reversalAdvice(sale.payRequest!, undefined, 'TIMEOUT', now));
}

/** On open nothing is in flight any more: interrupted sales are settled and held confirmations released. */
export function recovered(sale: SaleRecord, now: number): SaleRecord | undefined {
  const settled = interrupted(sale, 'till restarted', now);
  if (settled) return settled;
  if (sale.advice?.state === 'held') return released(sale, now);
  return undefined;
}

export function expired(sale: SaleRecord, now: number): boolean {
  // A sale someone must still reconcile, or whose partner outcome is still followed, stays until that is settled.
  const unsettled = isOutboxOpen(sale.advice) || awaitsPartner(sale.advice) || partnerRefused(sale.advice)
    || sale.advice?.state === 'rejected';
  return now - Date.parse(sale.startedAt) > KEEP_SALES_MS && !unsettled && !isPaying(sale) && sale.phase !== 'creating-qr';
}
