import type { BasketLine } from '../../electron/preload/bridge-types';

export function basketTotalMinor(lines: readonly BasketLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
}

/** What the cashier is putting together on the Sale screen; kept by the app so a refused charge loses nothing. */
export interface SaleDraft {
  amountText: string;
  basket: BasketLine[];
}

export const emptyDraft: SaleDraft = { amountText: '', basket: [] };
