import type { AdviceView, SaleView } from '../../electron/preload/bridge-types';
import { needsReconciling } from '../../electron/preload/sale-view-rules';
import type { ResultKind } from '../state/sale-phase';

// The cashier's words for each outcome. The hub's own errorMessage is for operators; these are for the shop floor.
// Rules: "Declined" only when the customer's wallet provider (or their bank) refused; "Not paid" when nothing was
// taken for any other reason; "Not completed" only for an unclear outcome that the till reverses; and the headline
// never says "is being reversed" once the reversal has been delivered.

/** Every ErrorDetail errorType of the interface (protocol/errors.ts), in plain words. */
export const DECLINE_REASONS: Readonly<Record<string, string>> = {
  DUPLICATE_RECORD: 'The payment service refused a repeated payment request',
  FORMAT_ERROR: 'The payment service could not read the payment request',
  FUNCTION_NOT_SUPPORTED: 'The payment service does not support this kind of payment',
  GENERAL_ERROR: 'The payment service reported an error',
  INVALID_AMOUNT: 'The amount was not accepted',
  ROUTING_ERROR: 'The payment could not be routed to the customer\'s wallet provider',
  TRANSACTION_NOT_SUPPORTED: 'The customer\'s wallet does not support this kind of payment',
  UNABLE_TO_LOCATE_RECORD: 'The payment service could not find this payment',
  UPSTREAM_UNAVAILABLE: 'The customer\'s wallet provider is not available right now',
  ACCOUNT_ALREADY_SETTLED: 'This payment has already been settled',
  INVALID_MERCHANT: 'This till\'s merchant details were not accepted — check Settings',
  DO_NOT_HONOR: 'The customer\'s wallet provider refused the payment',
  DECLINED_BY_PARTNER: 'The customer\'s wallet provider declined the payment',
  DECLINED_BY_ACQUIRER: 'The acquiring bank declined the payment',
  DECLINED_BY_ISSUER: 'The customer\'s bank declined the payment',
  INSUFFICIENT_FUNDS: 'The customer\'s wallet has insufficient funds',
  INVALID_CARD_NUMBER: 'The customer\'s card or account number was not accepted',
  CARD_EXPIRED: 'The customer\'s card or account has expired',
  INVALID_TRAN_ID: 'The QR code is no longer valid or was scanned by another wallet',
  PARTNER_UNKNOWN: 'The customer\'s wallet provider is not known to the payment service',
  NO_SCAN_RECEIVED: 'The QR code was not scanned in time',
  INVALID_ACCOUNT: 'The customer\'s account was not accepted',
};

/**
 * The errorTypes that mean the customer's side refused the payment: their wallet provider, their bank or the
 * acquirer, about their funds, card or account. Every other failed answer is the payment service's own, and nothing
 * about the customer was declined.
 */
export const PARTNER_DECLINES: ReadonlySet<string> = new Set([
  'DO_NOT_HONOR', 'DECLINED_BY_PARTNER', 'DECLINED_BY_ACQUIRER', 'DECLINED_BY_ISSUER', 'INSUFFICIENT_FUNDS',
  'INVALID_CARD_NUMBER', 'CARD_EXPIRED', 'INVALID_ACCOUNT', 'TRANSACTION_NOT_SUPPORTED',
]);

export function isPartnerDecline(errorType: string | undefined): boolean {
  return errorType !== undefined && PARTNER_DECLINES.has(errorType);
}

export function declineReason(errorType: string | undefined): string {
  if (!errorType) return 'The payment service refused the payment';
  return Object.hasOwn(DECLINE_REASONS, errorType)
    ? DECLINE_REASONS[errorType]!
    : `The payment service refused the payment (code ${errorType})`;
}

export interface OutcomeWords {
  /** Colour and icon of the result. */
  tone: ResultKind;
  /** One or two words: Approved, Declined, Not paid, Not completed, Cancelled, Voided. */
  headline: string;
  /** What it means, read with the headline after a dash: "Not paid — the code was not scanned in time". */
  summary?: string;
  /** Why, in a sentence or two. */
  reason?: string;
  /** Shown in the warning box when the customer had (or may have had) paid: the goods stay in the shop. */
  warning?: string;
  /** Where the sale's confirmation or reversal stands. */
  advice?: string;
  /** Try again (the same amount and basket) makes sense: nothing was paid, or it is being given back. */
  canTryAgain: boolean;
}

const DO_NOT_HAND_OVER = 'Do not hand over the goods.';
const CHECK_THIS_SALE = 'check this sale';

/** The headline and summary as one line, as the heading and the customer display read it. */
export function outcomeTitle(words: Pick<OutcomeWords, 'headline' | 'summary'>): string {
  return words.summary ? `${words.headline} — ${words.summary}` : words.headline;
}

/** Where an advice stands, named as the cashier knows it: a confirmation, a reversal, or a cancelled code. */
export function adviceText(advice: AdviceView | undefined, what = advice?.kind === 'reversal' ? 'Reversal' : 'Confirmation'): string | undefined {
  if (!advice) return undefined;
  switch (advice.delivery) {
    case 'pending':
      return `${what} pending: the till keeps sending it until the payment service confirms.`;
    case 'delivered':
      if (advice.partnerOutcome === 'refused') {
        return `The customer's wallet provider refused the ${what.toLowerCase()}. Ask a supervisor to reconcile this sale.`;
      }
      return advice.partnerOutcome === 'pending'
        ? `${what} delivered to the payment service; waiting for the customer's wallet provider.`
        : `${what} delivered to the payment service.`;
    case 'rejected':
      return `The payment service refused the ${what.toLowerCase()}. Ask a supervisor to check this sale.`;
  }
}

/**
 * A reversal is done once the hub took it and the wallet provider did too (or nothing reached a provider); the hub's
 * 202 alone is not enough, because the provider may still refuse the hub's own reversal (docs/protocol.md §8).
 */
function reversalDone(advice: AdviceView | undefined): boolean {
  return advice?.delivery === 'delivered' && advice.partnerOutcome !== 'pending' && advice.partnerOutcome !== 'refused';
}

/** "is being …" while the reversal is on its way, "was …" once done, and "check this sale" once refused. */
function reversing(advice: AdviceView | undefined, pending: string, done: string): string {
  if (advice && needsReconciling({ advice })) return CHECK_THIS_SALE;
  if (reversalDone(advice)) return done;
  return pending;
}

function failedWords(sale: SaleView): OutcomeWords {
  const errorType = sale.outcome?.errorType;
  if (isPartnerDecline(errorType)) {
    return {
      tone: 'declined', headline: 'Declined', summary: 'no payment was taken',
      reason: `${declineReason(errorType)}. The customer may try again or pay another way.`, canTryAgain: true,
    };
  }
  if (errorType === 'NO_SCAN_RECEIVED') {
    return {
      tone: 'declined', headline: 'Not paid', summary: 'the code was not scanned in time',
      reason: 'The customer did not scan the QR code before it expired. No payment was taken.', canTryAgain: true,
    };
  }
  return {
    tone: 'declined', headline: 'Not paid', summary: 'the payment did not go through',
    reason: `${declineReason(errorType)}. No payment was taken.`, canTryAgain: true,
  };
}

function notCompletedWords(sale: SaleView): OutcomeWords {
  const { advice } = sale;
  switch (sale.outcome?.reason) {
    case 'hub-unreachable':
      return {
        tone: 'declined', headline: 'Not paid', summary: 'the payment service could not be reached',
        reason: 'No payment was taken. Check the connection, then try again.', canTryAgain: true,
      };
    case 'qr-failed':
      return {
        tone: 'declined', headline: 'Not paid', summary: 'no QR code was issued',
        reason: 'The payment service did not issue a QR code. No payment was taken.', canTryAgain: true,
      };
    default: {
      const refused = advice !== undefined && needsReconciling({ advice });
      const delivered = reversalDone(advice);
      return {
        tone: 'not-completed', headline: 'Not completed',
        summary: reversing(advice, 'the payment is being reversed', 'the payment was reversed'),
        reason: refused
          ? 'The outcome was unclear, and the till\'s reversal was refused.'
          : delivered
            ? 'The outcome was unclear, so the till reversed the payment. Nothing was taken from the customer.'
            : 'The outcome was unclear, so the till is reversing the payment. There is nothing else to do.',
        // A refused reversal may have left the customer charged: a second charge must wait for the reconciliation.
        warning: DO_NOT_HAND_OVER, advice: adviceText(advice), canTryAgain: !refused,
      };
    }
  }
}

/**
 * Whether the customer had scanned before the cashier cancelled: as the till saw it (older journals: a partner was
 * named), or as the hub shows it later, since a wallet provider's answer to the hub's reversal means the hub had
 * forwarded the payment (the till's view of the scan comes from an event stream that may have been late).
 */
function cancelledAfterScan(sale: SaleView): boolean {
  const outcome = sale.advice?.partnerOutcome;
  if (outcome === 'accepted' || outcome === 'refused') return true;
  return sale.outcome?.scanned ?? sale.partnerId !== undefined;
}

/** Before any scan no wallet provider is involved: the hub's own check that nothing reached one is not news. */
function withoutPendingPartner(advice: AdviceView): AdviceView {
  if (advice.partnerOutcome !== 'pending') return advice;
  const { partnerOutcome: _pending, ...rest } = advice;
  return rest;
}

function cancelledWords(sale: SaleView): OutcomeWords {
  const { advice } = sale;
  if (!cancelledAfterScan(sale)) {
    // The reversal of a code nobody scanned only closes it at the payment service: to the cashier it is a cancellation.
    return {
      tone: 'not-completed', headline: 'Cancelled',
      summary: advice?.delivery === 'rejected' ? CHECK_THIS_SALE : 'no payment was taken',
      reason: 'The sale was cancelled before the customer scanned the code.',
      advice: adviceText(advice && withoutPendingPartner(advice), 'Cancellation'), canTryAgain: advice?.delivery !== 'rejected',
    };
  }
  const refused = advice !== undefined && needsReconciling({ advice });
  return {
    tone: 'not-completed', headline: 'Cancelled',
    summary: reversing(advice, 'the payment is being reversed', 'the payment was reversed'),
    reason: refused
      ? 'The customer had scanned the code, and the till\'s reversal was refused.'
      : reversalDone(advice)
        ? 'The customer had scanned the code; the till reversed the payment.'
        : 'The customer had scanned the code, so the till is reversing anything they paid.',
    warning: DO_NOT_HAND_OVER, advice: adviceText(advice), canTryAgain: !refused,
  };
}

function voidedWords(sale: SaleView): OutcomeWords {
  const { advice } = sale;
  return {
    tone: 'not-completed', headline: 'Voided',
    summary: reversing(advice, 'the payment is being returned to the customer', 'the payment was returned to the customer'),
    reason: 'The sale was voided after approval.', warning: DO_NOT_HAND_OVER, advice: adviceText(advice), canTryAgain: false,
  };
}

/** The words for a finished sale; undefined while it is still in progress. */
export function outcomeWords(sale: SaleView): OutcomeWords | undefined {
  switch (sale.phase) {
    case 'approved':
      return {
        // The Result screen names the wallet and says to hand over the goods itself.
        tone: 'approved', headline: 'Approved', advice: adviceText(sale.advice), canTryAgain: false,
      };
    case 'declined':
      return failedWords(sale);
    case 'not-completed':
      return notCompletedWords(sale);
    case 'cancelled':
      return cancelledWords(sale);
    case 'voided':
      return voidedWords(sale);
    default:
      return undefined;
  }
}
