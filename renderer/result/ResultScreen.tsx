import { useEffect, useRef, useState } from 'react';
import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import { formatMoney } from '../money';
import { resultKind } from '../state/sale-phase';
import { adviceText, declineReason, notCompletedReason } from './outcome-words';
import { Slip } from './Slip';

interface ResultScreenProps {
  sale: SaleView;
  settings: TillSettingsView;
  /** Resolves to an error message, or undefined once done. */
  onVoid(saleId: string): Promise<string | undefined>;
  onNewSale(saleId: string): Promise<string | undefined>;
}

const HEADINGS = { approved: 'Approved', declined: 'Declined', 'not-completed': 'Not completed' } as const;

export function ResultScreen({ sale, settings, onVoid, onNewSale }: ResultScreenProps) {
  const kind = resultKind(sale.phase) ?? 'not-completed';
  const newSaleRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const format = (minor: number) => formatMoney(minor, sale.currency, settings.locale);

  // Enter right after a result starts the next sale; the heading change moves focus here too (approved → voided).
  useEffect(() => newSaleRef.current?.focus(), [kind]);

  // Back to New sale once the print dialog closes, so the next Enter starts a sale rather than printing again.
  function print(): void {
    window.print();
    newSaleRef.current?.focus();
  }

  async function run(action: () => Promise<string | undefined>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError('');
    const message = await action();
    setBusy(false);
    if (message) setError(message);
  }

  const advice = adviceText(sale.advice);
  const amountMinor = kind === 'approved' ? sale.approvedMinor ?? sale.amountMinor : sale.amountMinor;
  return (
    <section className={`result-screen result-screen--${kind}`} aria-labelledby="result-heading">
      <div className="panel result-card">
        <div className="result-banner">
          <span className="result-icon" aria-hidden="true">{kind === 'approved' ? '✓' : kind === 'declined' ? '✕' : '!'}</span>
          <h1 id="result-heading">{HEADINGS[kind]}</h1>
        </div>
        <p className="result-amount">{format(amountMinor)}</p>
        {kind === 'approved' && (
          <>
            <p className="result-line">Paid with <strong>{sale.partnerName ?? 'a QR wallet'}</strong>. Hand over the goods.</p>
            {sale.approvedMinor !== undefined && sale.approvedMinor !== sale.amountMinor && (
              <p className="result-line result-line--warning">
                The approved amount differs from the {format(sale.amountMinor)} charged.
              </p>
            )}
          </>
        )}
        {kind === 'declined' && (
          <>
            <p className="result-reason">{declineReason(sale.outcome?.errorType)}</p>
            <p className="result-line">No payment was taken. The customer may try again or pay another way.</p>
          </>
        )}
        {kind === 'not-completed' && (
          <>
            <p className="result-warning">Payment not completed — do not hand over the goods.</p>
            <p className="result-reason">{notCompletedReason(sale)}</p>
          </>
        )}
        {advice && <p className="result-line muted">{advice}</p>}
        <p className="field-error" role="alert">{error}</p>
        <div className="result-actions">
          <button
            ref={newSaleRef}
            type="button"
            className="button button--primary button--large"
            onClick={() => void run(() => onNewSale(sale.saleId))}
          >
            New sale
          </button>
          {kind === 'approved' && (
            <>
              <button type="button" className="button button--large" onClick={print}>Print</button>
              <button type="button" className="button button--danger-outline button--large" onClick={() => void run(() => onVoid(sale.saleId))}>
                Void
              </button>
            </>
          )}
        </div>
      </div>
      {kind === 'approved' && <Slip sale={sale} settings={settings} amount={format(amountMinor)} />}
    </section>
  );
}
