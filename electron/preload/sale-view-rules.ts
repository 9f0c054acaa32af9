import type { SaleView } from './bridge-types.js';

// Rules over a sale's view that the engine (History, CSV) and the renderer (History, Result) must read alike.

/** Someone must settle this sale by hand: the hub, or the customer's wallet provider after the hub, refused its advice. */
export function needsReconciling(sale: Pick<SaleView, 'advice'>): boolean {
  return sale.advice?.delivery === 'rejected' || sale.advice?.partnerOutcome === 'refused';
}
