import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import { formatMoney } from '../money';

interface SlipProps {
  sale: SaleView;
  settings: TillSettingsView;
  amount: string;
  /** A copy printed later from History: marked so it is not taken for a second payment. */
  reprint?: boolean;
}

function formatTime(at: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
  } catch {
    return at; // An unusable locale still prints the RFC 3339 time.
  }
}

/** The customer slip: on screen for reference, and the only thing that prints (see print.css). */
export function Slip({ sale, settings, amount, reprint = false }: SlipProps) {
  const money = (minor: number) => formatMoney(minor, sale.currency, settings.locale);
  return (
    <aside className="slip panel" aria-label={reprint ? 'Slip copy' : 'Slip'}>
      <p className="slip-merchant">{settings.merchantName}</p>
      {settings.merchantCity && <p className="slip-muted">{settings.merchantCity}</p>}
      <p className="slip-muted">{formatTime(sale.updatedAt, settings.locale)}</p>
      {reprint && <p className="slip-title">COPY — REPRINTED</p>}
      {sale.receiptNumber && <p>Receipt {sale.receiptNumber}</p>}
      {sale.basket && sale.basket.length > 0 && (
        <table className="slip-basket" aria-label="Basket">
          <tbody>
            {sale.basket.map((line, index) => (
              <tr key={index}>
                <td>{line.quantity} × {line.description}</td>
                <td className="num">{money(line.quantity * line.unitPriceMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="slip-title">APPROVED {amount}</p>
      {sale.partnerName && <p>Paid with {sale.partnerName}</p>}
      {sale.walletReference && <p>Wallet ref {sale.walletReference}</p>}
      {sale.slipLines && sale.slipLines.length > 0 && (
        <pre className="slip-lines">{sale.slipLines.join('\n')}</pre>
      )}
      <p className="slip-muted">Terminal {sale.terminalId ?? settings.terminalId}{sale.tranId ? ` · Ref ${sale.tranId}` : ''}</p>
    </aside>
  );
}
