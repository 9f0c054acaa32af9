import { useEffect, useRef, type ReactNode } from 'react';
import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import { formatMoney } from '../money';
import { Slip } from '../result/Slip';
import { adviceWords, partnerOutcomeWords, phaseWords, reasonWords, reconcileWords } from './sale-words';

interface SaleDetailProps {
  sale: SaleView;
  settings: TillSettingsView;
  onClose(): void;
}

function dateTime(at: string | undefined, locale: string): string | undefined {
  if (!at) return undefined;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
  } catch {
    return at;
  }
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  if (children === undefined || children === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One sale of History in full: its ids, why it ended so, its advice's deliveries, and a reprint of its slip. */
export function SaleDetail({ sale, settings, onClose }: SaleDetailProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [sale.saleId]);
  // Esc closes the details wherever focus is on the History screen (the only screen that shows them).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key === 'Escape' && !event.defaultPrevented) onClose();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  const when = (at: string | undefined) => dateTime(at, settings.locale);
  const amountMinor = sale.phase === 'approved' ? sale.approvedMinor ?? sale.amountMinor : sale.amountMinor;
  const amount = formatMoney(amountMinor, sale.currency, settings.locale);
  const advice = sale.advice;
  const reconcile = reconcileWords(sale);
  const finished = advice?.delivery === 'delivered' ? 'Delivered to the hub' : advice?.delivery === 'rejected' ? 'Refused by the hub' : undefined;

  return (
    <section className="panel sale-detail" aria-labelledby="sale-detail-heading">
      <h2 id="sale-detail-heading" ref={headingRef} tabIndex={-1}>Sale details</h2>
      {reconcile && <p className="result-line result-line--warning" role="alert">{reconcile}</p>}
      <dl className="detail-list">
        <Row term="Time">{when(sale.startedAt)}</Row>
        <Row term="Amount">{amount}</Row>
        <Row term="State">{phaseWords(sale.phase)}</Row>
        <Row term="Reason">{reasonWords(sale)}</Row>
        <Row term="Receipt">{sale.receiptNumber}</Row>
        <Row term="Terminal">{sale.terminalId ?? settings.terminalId}</Row>
        <Row term="tranId"><code>{sale.tranId ?? '—'}</code></Row>
        <Row term="Wallet reference">{sale.walletReference}</Row>
        <Row term="Paid with">{sale.partnerName}</Row>
        {sale.outcome?.errorType && <Row term="Error code"><code>{sale.outcome.errorType}</code></Row>}
      </dl>
      <h3>Advice</h3>
      {!advice ? (
        <p className="muted">None: nothing had to be confirmed or reversed.</p>
      ) : (
        <dl className="detail-list">
          <Row term="Advice">{adviceWords(sale)}</Row>
          <Row term="Attempts">{String(advice.attempts)}</Row>
          <Row term="Queued">{when(advice.queuedAt)}</Row>
          <Row term="Last error">{advice.lastError}</Row>
          <Row term="Next attempt">{when(advice.nextAttemptAt)}</Row>
          {finished && <Row term={finished}>{when(advice.finishedAt) ?? '—'}</Row>}
          <Row term="Wallet provider">{partnerOutcomeWords(advice)}</Row>
          <Row term={advice.partnerOutcome === 'refused' ? 'Refused by the wallet' : 'Accepted by the wallet'}>
            {advice.partnerOutcome === 'pending' ? undefined : when(advice.partnerFinishedAt)}
          </Row>
        </dl>
      )}
      <div className="result-actions">
        {sale.phase === 'approved' && (
          <button type="button" className="button button--primary" onClick={() => window.print()}>Reprint slip</button>
        )}
        <button type="button" className="button" onClick={onClose}>Close details</button>
      </div>
      {sale.phase === 'approved' && <Slip sale={sale} settings={settings} amount={amount} reprint />}
    </section>
  );
}
