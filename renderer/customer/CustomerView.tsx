import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import type { ConnectedBridge } from '../bridge/connected-bridge';
import { QrImage } from '../components/QrImage';
import { formatMoney } from '../money';
import { outcomeTitle, outcomeWords } from '../result/outcome-words';
import { resultKind } from '../state/sale-phase';
import { useTill } from '../state/use-till';

function customerStatus(sale: SaleView): string {
  const words = outcomeWords(sale);
  if (words) return words.tone === 'approved' ? 'Payment approved — thank you!' : outcomeTitle(words);
  switch (sale.phase) {
    case 'awaiting-scan':
      return 'Scan the code with your wallet app';
    case 'awaiting-approval':
      return `Approve the payment in ${sale.partnerName ?? 'your wallet app'}`;
    default:
      return 'Preparing your QR code…';
  }
}

function CustomerSale({ sale, settings }: { sale: SaleView; settings: TillSettingsView }) {
  const kind = resultKind(sale.phase);
  return (
    <div className={`customer-sale customer-sale--${kind ?? 'open'}`}>
      <p className="customer-merchant">{settings.merchantName}</p>
      <p className="customer-amount">{formatMoney(sale.approvedMinor ?? sale.amountMinor, sale.currency, settings.locale)}</p>
      <div className="customer-qr">
        {!kind && sale.qrPayload ? (
          <QrImage payload={sale.qrPayload} size={420} />
        ) : (
          <div className="qr-frame qr-frame--waiting customer-qr-placeholder" aria-hidden="true">
            {kind === 'approved' ? '✓' : kind ? '' : <span className="spinner" />}
          </div>
        )}
      </div>
      <p className="customer-status" role="status" aria-live="polite">{customerStatus(sale)}</p>
    </div>
  );
}

/** The customer-facing screen (#/customer): the QR, the amount and the status, large; a welcome when idle. */
export function CustomerView({ bridge }: { bridge: ConnectedBridge }) {
  const { state } = useTill(bridge);
  const { settings, current } = state;
  return (
    <main className="customer-view">
      {settings && current ? (
        <CustomerSale sale={current} settings={settings} />
      ) : (
        <div className="customer-idle">
          <p className="customer-welcome">Welcome{settings ? ` to ${settings.merchantName}` : ''}</p>
          <p className="customer-hint">Pay by scanning a QR code with your wallet app.</p>
        </div>
      )}
    </main>
  );
}
