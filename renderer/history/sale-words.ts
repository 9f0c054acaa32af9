import type { AdviceView, SalePhase, SaleView } from '../../electron/preload/bridge-types';
import { needsReconciling } from '../../electron/preload/sale-view-rules';
import { outcomeWords } from '../result/outcome-words';

const PHASE_WORDS: Record<SalePhase, string> = {
  'creating-qr': 'In progress',
  'awaiting-scan': 'In progress',
  'awaiting-approval': 'In progress',
  approved: 'Approved',
  declined: 'Declined',
  'not-completed': 'Not completed',
  cancelled: 'Cancelled',
  voided: 'Voided',
};

export function phaseWords(phase: SalePhase): string {
  return PHASE_WORDS[phase];
}

/** A sale's state in one or two words, as its Result screen headed it (Declined, Not paid, Not completed, …). */
export function saleStateWords(sale: SaleView): string {
  return outcomeWords(sale)?.headline ?? PHASE_WORDS[sale.phase];
}

function adviceName(advice: AdviceView): string {
  return advice.kind === 'reversal' ? 'Reversal' : 'Confirmation';
}

/** The outbox column of History: which advice, and whether it reached the payment service and the wallet. */
export function adviceWords(sale: SaleView): string {
  const advice = sale.advice;
  if (!advice) return '—';
  const what = adviceName(advice);
  switch (advice.delivery) {
    case 'pending':
      return `${what} pending`;
    case 'delivered':
      return advice.partnerOutcome === 'refused' ? `${what} refused by the wallet` : `${what} delivered`;
    case 'rejected':
      return `${what} rejected`;
  }
}

/** What the customer's wallet provider made of the advice the hub passed on. */
export function partnerOutcomeWords(advice: AdviceView): string | undefined {
  switch (advice.partnerOutcome) {
    case 'pending':
      return 'Not yet known: the payment service is still passing it on';
    case 'accepted':
      return 'Accepted';
    case 'refused':
      return `Refused${advice.partnerStatus ? ` (answer ${advice.partnerStatus})` : ''} — reconcile this sale`;
    default:
      return undefined;
  }
}

/** Why the sale ended as it did, in the cashier's words (the Result screen's reason). */
export function reasonWords(sale: SaleView): string {
  if (sale.phase === 'approved') return `Approved by ${sale.partnerName ?? 'the customer\'s wallet'}.`;
  return outcomeWords(sale)?.reason ?? 'The sale is still in progress.';
}

/** What the supervisor must do about a sale that needs reconciling. */
export function reconcileWords(sale: SaleView): string | undefined {
  const advice = sale.advice;
  if (!advice || !needsReconciling(sale)) return undefined;
  const what = adviceName(advice).toLowerCase();
  return advice.delivery === 'rejected'
    ? `The payment service refused the ${what}. Check this sale with the hub's operator and settle it by hand.`
    : `The customer's wallet provider refused the ${what}. Check this sale with the hub's operator and the wallet `
      + 'provider and settle it by hand; it is not counted in the totals.';
}
