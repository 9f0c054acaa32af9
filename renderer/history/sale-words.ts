import type { SalePhase, SaleView } from '../../electron/preload/bridge-types';
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

/** The outbox column of History: which advice, and whether it reached the payment service. */
export function adviceWords(sale: SaleView): string {
  const advice = sale.advice;
  if (!advice) return '—';
  const what = advice.kind === 'reversal' ? 'Reversal' : 'Confirmation';
  switch (advice.delivery) {
    case 'pending':
      return `${what} pending`;
    case 'delivered':
      return `${what} delivered`;
    case 'rejected':
      return `${what} rejected`;
  }
}
