import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';

interface SlipProps {
  sale: SaleView;
  settings: TillSettingsView;
  amount: string;
}

/** The customer slip: on screen for reference, and the only thing that prints (see print.css). */
export function Slip({ sale, settings, amount }: SlipProps) {
  const when = new Date(sale.updatedAt);
  let time = sale.updatedAt;
  try {
    time = new Intl.DateTimeFormat(settings.locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(when);
  } catch {
    // An unusable locale still prints the RFC 3339 time.
  }
  return (
    <aside className="slip panel" aria-label="Slip">
      <p className="slip-merchant">{settings.merchantName}</p>
      {settings.merchantCity && <p className="slip-muted">{settings.merchantCity}</p>}
      <p className="slip-muted">{time}</p>
      <p className="slip-title">APPROVED {amount}</p>
      {sale.partnerName && <p>Paid with {sale.partnerName}</p>}
      {sale.slipLines && sale.slipLines.length > 0 && (
        <pre className="slip-lines">{sale.slipLines.join('\n')}</pre>
      )}
      <p className="slip-muted">Terminal {settings.terminalId}{sale.tranId ? ` · Ref ${sale.tranId}` : ''}</p>
    </aside>
  );
}
