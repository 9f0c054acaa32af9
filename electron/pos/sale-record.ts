import type {
  AdviceView, PartnerOutcome, ReversalReason, SalePhase, SaleView,
} from '../preload/bridge-types.js';
import type {
  Institution, LedgerAmount, PaymentConfirmation, PaymentRequest, PaymentReversal, ThirdPartyIdentifier,
} from '../../protocol/index.js';

// What the journal keeps per sale: the view fields, plus what the sale's advice needs (the pay request, and the facts
// of the PaymentResponse) until that advice has a final answer. A sale has at most one advice, so the outbox is the
// set of sales whose advice is held or pending.

export type AdviceState = 'held' | 'pending' | 'delivered' | 'rejected';

export interface AdviceRecord {
  kind: 'confirmation' | 'reversal';
  reversalReason?: ReversalReason;
  state: AdviceState;
  adviceId: string;
  /** The exact message resent on every attempt; dropped once the advice is final. */
  message?: PaymentConfirmation | PaymentReversal;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  /** pending: when the next attempt is due; held: when the grace period ends and the confirmation is released. */
  nextAttemptAt?: string;
  finishedAt?: string;
  /** After the hub accepted the advice: what the partner made of the hub's own advice (see PartnerOutcome). 'none':
   *  the hub forwarded nothing to a partner, so there is nothing to follow. Absent on journals from before. */
  partnerOutcome?: PartnerOutcome | 'none';
  partnerStatus?: string;
  partnerFinishedAt?: string;
}

/** Void is possible while the approval's confirmation is still held (docs/protocol.md §6.9). */
export function canVoid(sale: SaleRecord): boolean {
  return sale.phase === 'approved' && sale.advice?.kind === 'confirmation' && sale.advice.state === 'held'
    && sale.payRequest !== undefined;
}

/** A delivered advice whose upstream outcome the till still follows at the hub. */
export function awaitsPartner(advice: AdviceRecord | undefined): boolean {
  return advice?.state === 'delivered' && advice.partnerOutcome === 'pending';
}

/** An advice the hub took but the partner refused: the sale must be reconciled. */
export function partnerRefused(advice: AdviceRecord | undefined): boolean {
  return advice?.state === 'delivered' && advice.partnerOutcome === 'refused';
}

/** What advices copy from a PaymentResponse (docs/protocol.md §2). */
export interface PayResponseFacts {
  partner?: Institution;
  thirdPartyIdentifiers: ThirdPartyIdentifier[];
  approvedAmount?: LedgerAmount;
}

export interface SaleRecord extends Omit<SaleView, 'advice'> {
  /** New sale was pressed (or a newer sale started): no longer the sale on screen. */
  dismissed?: boolean;
  /** Kept while the sale may still need an advice: the request its advices name (after a DUPLICATE_RECORD, the
   *  first one, which is the one that may be live at the hub, until its resend is approved). */
  payRequest?: PaymentRequest;
  /** The one resend of pay under a fresh id after a DUPLICATE_RECORD, while it is out. */
  resentPayRequest?: PaymentRequest;
  payResponse?: PayResponseFacts;
  advice?: AdviceRecord;
}

export const ACTIVE_PHASES: readonly SalePhase[] = ['creating-qr', 'awaiting-scan', 'awaiting-approval'];
/** Phases in which a pay call may be on its way or open at the hub. */
export const PAYING_PHASES: readonly SalePhase[] = ['awaiting-scan', 'awaiting-approval'];

export function isActive(sale: SaleRecord | undefined): boolean {
  return sale !== undefined && ACTIVE_PHASES.includes(sale.phase);
}

export function isPaying(sale: SaleRecord | undefined): boolean {
  return sale !== undefined && PAYING_PHASES.includes(sale.phase);
}

export function isOutboxOpen(advice: AdviceRecord | undefined): boolean {
  return advice !== undefined && (advice.state === 'held' || advice.state === 'pending');
}

export function adviceView(advice: AdviceRecord): AdviceView {
  const view: AdviceView = {
    kind: advice.kind,
    delivery: advice.state === 'held' ? 'pending' : advice.state,
    attempts: advice.attempts,
    queuedAt: advice.queuedAt,
  };
  if (advice.reversalReason) view.reversalReason = advice.reversalReason;
  if (advice.lastError !== undefined) view.lastError = advice.lastError;
  if (isOutboxOpen(advice) && advice.nextAttemptAt) view.nextAttemptAt = advice.nextAttemptAt;
  if (advice.finishedAt) view.finishedAt = advice.finishedAt;
  if (advice.partnerOutcome && advice.partnerOutcome !== 'none') view.partnerOutcome = advice.partnerOutcome;
  if (advice.partnerStatus) view.partnerStatus = advice.partnerStatus;
  if (advice.partnerFinishedAt) view.partnerFinishedAt = advice.partnerFinishedAt;
  return view;
}

/**
 * The renderer's view. `paySent` false means the pay request has not left yet: the sale is shown as still creating
 * its QR code, because the QR must not be on screen before the hub can link a scan to the payment (docs/protocol.md §6.2).
 */
export function saleView(sale: SaleRecord, paySent = true): SaleView {
  const {
    dismissed: _dismissed, payRequest: _request, payResponse: _response, advice, ...fields
  } = sale;
  const view: SaleView = { ...fields };
  if (advice) view.advice = adviceView(advice);
  if (canVoid(sale)) view.voidable = true;
  if (!paySent && sale.phase === 'awaiting-scan') {
    view.phase = 'creating-qr';
    delete view.qrPayload;
    delete view.scanDeadline;
  }
  return view;
}
