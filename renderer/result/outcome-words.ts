import type { AdviceView, SaleView } from '../../electron/preload/bridge-types';
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
      return advice.partnerOutcome === 'refused'
        ? `The customer's wallet provider refused the ${what.toLowerCase()}. Ask a supervisor to reconcile this sale.`
        : `${what} delivered to the payment service.`;
    case 'rejected':
      return `The payment service refused the ${what.toLowerCase()}. Ask a supervisor to check this sale.`;
  }
}

/** "is being …" while the reversal is on its way (or not yet queued), "was …" once delivered. */
function reversing(advice: AdviceView | undefined, pending: string, done: string): string {
  if (advice?.delivery === 'rejected' || advice?.partnerOutcome === 'refused') return CHECK_THIS_SALE;
  if (advice?.delivery === 'delivered') return done;
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
      const refused = advice?.delivery === 'rejected' || advice?.partnerOutcome === 'refused';
      const delivered = advice?.delivery === 'delivered';
      return {
        tone: 'not-completed', headline: 'Not completed',
        summary: reversing(advice, 'the payment is being reversed', 'the payment was reversed'),
        reason: refused
          ? 'The outcome was unclear, and the till\'s reversal was refused.'
          : delivered
            ? 'The outcome was unclear, so the till reversed the payment. Nothing was taken from the customer.'
            : 'The outcome was unclear, so the till is reversing the payment. There is nothing else to do.',
        warning: DO_NOT_HAND_OVER, advice: adviceText(advice), canTryAgain: true,
      };
    }
  }
}

/** Whether the customer had scanned before the cashier cancelled (older journals: a partner was named). */
function cancelledAfterScan(sale: SaleView): boolean {
  return sale.outcome?.scanned ?? sale.partnerId !== undefined;
}

function cancelledWords(sale: SaleView): OutcomeWords {
  const { advice } = sale;
  if (!cancelledAfterScan(sale)) {
    // The reversal of a code nobody scanned only closes it at the payment service: to the cashier it is a cancellation.
    return {
      tone: 'not-completed', headline: 'Cancelled',
      summary: advice?.delivery === 'rejected' ? CHECK_THIS_SALE : 'no payment was taken',
      reason: 'The sale was cancelled before the customer scanned the code.',
      advice: adviceText(advice, 'Cancellation'), canTryAgain: true,
    };
  }
  const delivered = advice?.delivery === 'delivered' && advice.partnerOutcome !== 'refused';
  return {
    tone: 'not-completed', headline: 'Cancelled',
    summary: reversing(advice, 'the payment is being reversed', 'the payment was reversed'),
    reason: delivered
      ? 'The customer had scanned the code; the till reversed the payment.'
      : 'The customer had scanned the code, so the till is reversing anything they paid.',
    warning: DO_NOT_HAND_OVER, advice: adviceText(advice), canTryAgain: true,
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
