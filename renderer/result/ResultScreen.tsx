import { useEffect, useRef, useState } from 'react';
import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import { formatMoney } from '../money';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { outcomeWords, type OutcomeWords } from './outcome-words';
import { Slip } from './Slip';

interface ResultScreenProps {
  sale: SaleView;
  settings: TillSettingsView;
  /** Resolves to an error message, or undefined once done. */
  onVoid(saleId: string): Promise<string | undefined>;
  onNewSale(saleId: string): Promise<string | undefined>;
  /** Charges the sale's amount and basket again as a new sale. */
  onTryAgain(sale: SaleView): void;
  /** Why the till refused the last Try again. */
  refusal?: string;
}

const ICONS = { approved: '✓', declined: '✕', 'not-completed': '!' } as const;

export function ResultScreen({ sale, settings, onVoid, onNewSale, onTryAgain, refusal }: ResultScreenProps) {
  const words: OutcomeWords = outcomeWords(sale) ?? { tone: 'not-completed', headline: 'Not completed', canTryAgain: false };
  const kind = words.tone;
  const newSaleRef = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmingVoid, setConfirmingVoid] = useState(false);
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

  function confirmVoid(): void {
    setConfirmingVoid(false);
    void run(() => onVoid(sale.saleId));
  }

  const approved = sale.phase === 'approved';
  const amountMinor = approved ? sale.approvedMinor ?? sale.amountMinor : sale.amountMinor;
  return (
    <section className={`result-screen result-screen--${kind}`} aria-labelledby="result-heading">
      <div className="panel result-card">
        <div className="result-banner">
          <span className="result-icon" aria-hidden="true">{ICONS[kind]}</span>
          <h1 id="result-heading">
            {words.headline}
            {words.summary && <>{' — '}<span className="result-summary">{words.summary}</span></>}
          </h1>
        </div>
        <p className="result-amount">{format(amountMinor)}</p>
        {approved && (
          <>
            <p className="result-line">Paid with <strong>{sale.partnerName ?? 'a QR wallet'}</strong>. Hand over the goods.</p>
            {sale.approvedMinor !== undefined && sale.approvedMinor !== sale.amountMinor && (
              <p className="result-line result-line--warning">
                The approved amount differs from the {format(sale.amountMinor)} charged.
              </p>
            )}
          </>
        )}
        {words.warning && <p className="result-warning">{words.warning}</p>}
        {words.reason && <p className="result-reason">{words.reason}</p>}
        {words.advice && <p className="result-line muted">{words.advice}</p>}
        <p className="field-error" role="alert">{error || refusal}</p>
        <div className="result-actions">
          <button
            ref={newSaleRef}
            type="button"
            className="button button--primary button--large"
            onClick={() => void run(() => onNewSale(sale.saleId))}
          >
            New sale
          </button>
          {words.canTryAgain && (
            <button type="button" className="button button--large" onClick={() => onTryAgain(sale)}>
              Try again
            </button>
          )}
          {approved && (
            <>
              <button type="button" className="button button--large" onClick={print}>Print</button>
              {sale.voidable && (
                <button
                  type="button"
                  className="button button--danger-outline button--large"
                  aria-haspopup="dialog"
                  onClick={() => setConfirmingVoid(true)}
                >
                  Void
                </button>
              )}
            </>
          )}
        </div>
      </div>
      {approved && <Slip sale={sale} settings={settings} amount={format(amountMinor)} />}
      {approved && sale.voidable && confirmingVoid && (
        <ConfirmDialog
          title="Void this sale?"
          confirmLabel="Void sale"
          cancelLabel="Keep sale"
          onConfirm={confirmVoid}
          onCancel={() => setConfirmingVoid(false)}
        >
          <p className="dialog-amount">{format(amountMinor)}</p>
          <p>Voiding will return the payment to the customer{sale.partnerName ? ` through ${sale.partnerName}` : ''}.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
