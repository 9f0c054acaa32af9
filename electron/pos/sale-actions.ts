import type { Logger } from '../../common/logger.js';
import type { BridgeResult, SaleView } from '../preload/bridge-types.js';
import { isActive, isPaying, type SaleRecord } from './sale-record.js';
import { canVoid } from './sale-record.js';
import { cancelled, dismissed, interrupted, voided } from './sale-rules.js';
import type { TillStore } from './till-store.js';
import { ok, refuse } from './verbs.js';

// The cashier's verbs on a sale already started: cancel while waiting (docs/protocol.md §6.7), void after approval (§6.9),
// and New sale (dismiss), which releases a held confirmation. Each decides on the latest committed record inside its
// transaction, so a pay answer landing at the same moment is either seen or loses.

/** Detail of a sale whose pay answer the journal refused (see SaleFlow): shown, and written, as interrupted. */
export const ANSWER_NOT_RECORDED = 'pay answer not recorded';

export interface SaleActionsDeps {
  store: TillStore;
  now: () => number;
  logger: Logger;
  view: (sale: SaleRecord) => SaleView;
  /** The sale became final here: its flow stops following it. */
  settled: (saleId: string) => void;
  /** The journal refused this sale's pay answer: on screen it is already interrupted. */
  unrecorded: (saleId: string) => boolean;
}

export async function cancelSale(deps: SaleActionsDeps, saleId: string): Promise<BridgeResult<SaleView>> {
  const sale = deps.store.get(saleId);
  if (!sale) return refuse('NOT_FOUND', 'No such sale');
  if (!isActive(sale)) return refuse('NOT_ALLOWED', `The sale is no longer waiting (it is ${sale.phase})`);
  const done = await deps.store.transact((tx) => {
    const current = tx.get(saleId);
    if (!isActive(current)) return undefined;
    const next = cancelled(current!, deps.now());
    tx.put(next);
    return next;
  });
  if (!done) return refuse('NOT_ALLOWED', `The sale is no longer waiting (it is ${deps.store.get(saleId)?.phase})`);
  deps.logger.info('sale cancelled', { saleId, tranId: done.tranId, reversal: done.advice?.reversalReason ?? 'none' });
  deps.settled(saleId);
  return ok(deps.view(done));
}

export async function voidSale(deps: SaleActionsDeps, saleId: string): Promise<BridgeResult<SaleView>> {
  const sale = deps.store.get(saleId);
  if (!sale) return refuse('NOT_FOUND', 'No such sale');
  if (sale.phase !== 'approved') return refuse('NOT_ALLOWED', `Only an approved sale can be voided (this one is ${sale.phase})`);
  const done = await deps.store.transact((tx) => {
    const current = tx.get(saleId);
    if (!current || !canVoid(current)) return undefined;
    const next = voided(current, deps.now());
    tx.put(next);
    return next;
  });
  if (!done) {
    return refuse('NOT_ALLOWED',
      'The payment has already been released to the hub: the sale is complete and can no longer be voided at the till');
  }
  deps.logger.info('sale voided', { saleId, tranId: done.tranId });
  return ok(deps.view(done));
}

export async function dismissSale(deps: SaleActionsDeps, saleId: string): Promise<BridgeResult<null>> {
  const sale = deps.store.get(saleId);
  if (!sale) return refuse('NOT_FOUND', 'No such sale');
  const unrecorded = deps.unrecorded(saleId);
  if (isActive(sale) && !unrecorded) return refuse('NOT_ALLOWED', 'The sale is still in progress: cancel it first');
  if (sale.dismissed) return ok(null);
  await deps.store.transact((tx) => {
    const current = tx.get(saleId);
    if (!current || current.dismissed) return;
    // The answer the journal refused is written now as the interrupted sale the screen already shows.
    const shown = (unrecorded && isPaying(current) && interrupted(current, ANSWER_NOT_RECORDED, deps.now())) || current;
    if (!isActive(shown)) tx.put(dismissed(shown, deps.now()));
  });
  return ok(null);
}
