import type { Logger } from '../../common/logger.js';
import { isOutboxOpen, type SaleRecord } from './sale-record.js';
import { expired, interrupted, recovered, released } from './sale-rules.js';
import type { TillStore } from './till-store.js';

// The journal at the edges of an engine's life: at open nothing is in flight any more, and at close nothing will be.
// Both apply the same rule (sale-rules `interrupted`): a close settles its sales itself, so their reversals can leave
// before the till goes instead of at the next open, which may be the next day.

/** At open: settles interrupted sales, releases held confirmations, and forgets old sales that owe nothing. */
export async function recoverOnOpen(store: TillStore, now: number, logger: Logger): Promise<void> {
  await store.transact((tx) => {
    for (const sale of tx.all()) {
      if (expired(sale, now)) {
        tx.remove(sale.saleId);
        continue;
      }
      const next = recovered(sale, now);
      if (!next) continue;
      if (next.phase !== sale.phase) {
        logger.warn('sale interrupted by a restart', { saleId: sale.saleId, tranId: sale.tranId, was: sale.phase,
          now: next.phase, reversal: next.advice?.reversalReason });
      }
      tx.put(next);
    }
  });
}

/** At close: settles the sales still in progress and releases held confirmations (the partner should not hold the
 *  customer's funds overnight); answers the ids of the sales that now owe the hub an advice. */
export async function settleOnClose(store: TillStore, now: number, logger: Logger): Promise<string[]> {
  let settled: SaleRecord[];
  let confirming: string[];
  try {
    [settled, confirming] = await store.transact((tx) => {
      const interruptedSales: SaleRecord[] = [];
      const releasedSales: string[] = [];
      for (const sale of tx.all()) {
        const next = interrupted(sale, 'till closed', now);
        if (next) {
          tx.put(next);
          interruptedSales.push(next);
        } else if (sale.advice?.state === 'held') {
          tx.put(released(sale, now));
          releasedSales.push(sale.saleId);
        }
      }
      return [interruptedSales, releasedSales] as const;
    });
  } catch (error) {
    logger.error('could not settle the sales in progress: the next open will', { error });
    return [];
  }
  for (const sale of settled) {
    logger.warn('sale interrupted by closing the till', { saleId: sale.saleId, tranId: sale.tranId, now: sale.phase,
      reversal: sale.advice?.reversalReason });
  }
  return [...settled.filter((sale) => isOutboxOpen(sale.advice)).map((sale) => sale.saleId), ...confirming];
}
