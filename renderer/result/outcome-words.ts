import type { AdviceView, NotCompletedReason, SaleView } from '../../electron/preload/bridge-types';

// The cashier's words for each outcome. The hub's own errorMessage is for operators; these are for the shop floor.

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

export function declineReason(errorType: string | undefined): string {
  if (!errorType) return 'The payment was declined';
  return Object.hasOwn(DECLINE_REASONS, errorType)
    ? DECLINE_REASONS[errorType]!
    : `The payment was declined (code ${errorType})`;
}

const NOT_COMPLETED_REASONS: Record<NotCompletedReason, string> = {
  'hub-unreachable': 'The payment service could not be reached. No payment was taken.',
  'qr-failed': 'The payment service did not issue a QR code. No payment was taken.',
  'outcome-unknown': 'The outcome was unclear, so the payment is being reversed.',
  cancelled: 'The sale was cancelled. Anything the customer paid is being reversed.',
  voided: 'The sale was voided after approval. The payment is being reversed.',
};

export function notCompletedReason(sale: SaleView): string {
  const reason = sale.outcome?.reason
    ?? (sale.phase === 'cancelled' ? 'cancelled' : sale.phase === 'voided' ? 'voided' : undefined);
  return reason ? NOT_COMPLETED_REASONS[reason] : 'The payment did not go through.';
}

/** Where the sale's confirmation or reversal stands in the outbox. */
export function adviceText(advice: AdviceView | undefined): string | undefined {
  if (!advice) return undefined;
  const what = advice.kind === 'reversal' ? 'Reversal' : 'Confirmation';
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
