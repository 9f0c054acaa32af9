import type { SaleView } from '../../electron/preload/bridge-types';

/** What the cashier is told while a sale is in progress. */
export function chargeStatusText(sale: SaleView | undefined, cancelling: boolean): string {
  if (cancelling) return 'Cancelling…';
  switch (sale?.phase) {
    case undefined:
    case 'creating-qr':
      return 'Requesting QR code…';
    case 'awaiting-scan':
      return 'Waiting for the customer to scan';
    case 'awaiting-approval':
      return `Scanned with ${sale.partnerName ?? 'the customer\'s wallet'} — waiting for approval`;
    default:
      return 'Finishing…';
  }
}
