import type { SalePhase, SaleView } from '../../electron/preload/bridge-types';

const FINAL_PHASES: ReadonlySet<SalePhase> = new Set(['approved', 'declined', 'not-completed', 'cancelled', 'voided']);

export function isFinalPhase(phase: SalePhase): boolean {
  return FINAL_PHASES.has(phase);
}

/** The sale if it is still being paid (QR requested, on screen, or being approved). */
export function inProgressSale(sale: SaleView | undefined): SaleView | undefined {
  return sale !== undefined && !isFinalPhase(sale.phase) ? sale : undefined;
}

export type ResultKind = 'approved' | 'declined' | 'not-completed';

/** The three outcomes a cashier has to tell apart: cancelled and voided sales are "not completed" too. */
export function resultKind(phase: SalePhase): ResultKind | undefined {
  switch (phase) {
    case 'approved':
      return 'approved';
    case 'declined':
      return 'declined';
    case 'not-completed':
    case 'cancelled':
    case 'voided':
      return 'not-completed';
    default:
      return undefined;
  }
}

const PHASE_ORDER: Record<SalePhase, number> = {
  'creating-qr': 0,
  'awaiting-scan': 1,
  'awaiting-approval': 2,
  approved: 3,
  declined: 3,
  'not-completed': 3,
  cancelled: 3,
  voided: 4,
};

/**
 * Which view of a sale to keep when two arrive (a verb's answer and an event can cross): the later update wins,
 * and on a tie the later phase, so the screen never steps back from a result to "waiting".
 */
export function newerSale(current: SaleView | undefined, incoming: SaleView): SaleView {
  if (!current || current.saleId !== incoming.saleId) return incoming;
  const currentAt = Date.parse(current.updatedAt);
  const incomingAt = Date.parse(incoming.updatedAt);
  if (incomingAt > currentAt) return incoming;
  if (incomingAt < currentAt) return current;
  return PHASE_ORDER[incoming.phase] >= PHASE_ORDER[current.phase] ? incoming : current;
}
