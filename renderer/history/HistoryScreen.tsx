import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryView, TillBridge, TillSettingsView } from '../../electron/preload/bridge-types';
import { formatMoney } from '../money';
import { DayPicker } from './DayPicker';
import { downloadText } from './download';
import { SaleDetail } from './SaleDetail';
import { needsReconciling } from '../../electron/preload/sale-view-rules';
import { adviceWords, saleStateWords } from './sale-words';

interface HistoryScreenProps {
  bridge: TillBridge;
  settings: TillSettingsView;
  /** Changes when the till reports new history; the screen then reloads. */
  version: number;
}

function timeFormatter(locale: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
}

export function HistoryScreen({ bridge, settings, version }: HistoryScreenProps) {
  const [history, setHistory] = useState<HistoryView>();
  const [loadError, setLoadError] = useState('');
  const [exportError, setExportError] = useState('');
  const [exportNotice, setExportNotice] = useState('');
  const [exporting, setExporting] = useState(false);
  /** The day picked; undefined follows today. */
  const [pickedDay, setPickedDay] = useState<string>();
  const [detailId, setDetailId] = useState<string>();
  const request = useRef(0);
  const detailOpener = useRef<HTMLButtonElement | null>(null);

  const load = useCallback(() => {
    const ticket = ++request.current;
    void bridge.history(pickedDay).then((result) => {
      if (ticket !== request.current) return;
      if (result.ok) {
        setHistory(result.value);
        setLoadError('');
      } else {
        setLoadError(result.message);
      }
    });
  }, [bridge, pickedDay]);

  useEffect(load, [load, version]);

  function pickDay(day: string): void {
    setDetailId(undefined);
    setExportNotice('');
    setPickedDay(history && day === history.today ? undefined : day);
  }

  function closeDetail(): void {
    setDetailId(undefined);
    detailOpener.current?.focus();
  }

  async function exportCsv(): Promise<void> {
    setExporting(true);
    setExportError('');
    setExportNotice('');
    const result = await bridge.exportCsv(history?.day);
    setExporting(false);
    if (!result.ok) {
      setExportError(`Export failed: ${result.message}`);
      return;
    }
    downloadText(result.value.filename, result.value.csv, 'text/csv;charset=utf-8');
    setExportNotice(`Exported ${result.value.filename}`);
  }

  const currency = history?.currency ?? settings.currency;
  const format = (minor: number, saleCurrency = currency) => formatMoney(minor, saleCurrency, settings.locale);
  const times = timeFormatter(settings.locale);
  const grandTotal = history?.totals.reduce((sum, total) => sum + total.amountMinor, 0) ?? 0;
  const grandCount = history?.totals.reduce((sum, total) => sum + total.count, 0) ?? 0;
  const isToday = !history || history.day === history.today;
  const detail = history?.sales.find((sale) => sale.saleId === detailId);

  return (
    <section className="history-screen" aria-labelledby="history-heading">
      <div className="screen-header">
        <h1 id="history-heading" className="screen-title">
          {isToday ? 'Today\'s sales' : 'Sales of'} {history && <span className="muted">{history.day}</span>}
        </h1>
        {history && <DayPicker day={history.day} today={history.today} days={history.days} onChange={pickDay} />}
        <div className="screen-header-actions">
          <button type="button" className="button" onClick={load}>Refresh</button>
          <button type="button" className="button button--primary" disabled={exporting} onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </div>
      <div className="message-line">
        <p className="field-error" role="alert">{loadError ? `Could not load the history: ${loadError}` : exportError}</p>
        <p className="notice" role="status">{exportNotice}</p>
      </div>
      {detail && <SaleDetail sale={detail} settings={settings} onClose={closeDetail} />}
      {!history ? (
        !loadError && <p className="muted">Loading…</p>
      ) : (
        <div className="history-layout">
          <section className="panel" aria-labelledby="totals-heading">
            <h2 id="totals-heading">Totals by partner</h2>
            {history.totals.length === 0 ? (
              <p className="muted">No approved sales yet.</p>
            ) : (
              <table className="data-table" aria-labelledby="totals-heading">
                <thead>
                  <tr><th scope="col">Partner</th><th scope="col" className="num">Sales</th><th scope="col" className="num">Amount</th></tr>
                </thead>
                <tbody>
                  {history.totals.map((total) => (
                    <tr key={total.partnerName}>
                      <th scope="row">{total.partnerName}</th>
                      <td className="num">{total.count}</td>
                      <td className="num">{format(total.amountMinor)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr><th scope="row">Total</th><td className="num">{grandCount}</td><td className="num">{format(grandTotal)}</td></tr>
                </tfoot>
              </table>
            )}
          </section>
          <section className="panel" aria-labelledby="sales-heading">
            <h2 id="sales-heading">Sales, newest first</h2>
            {history.sales.length === 0 ? (
              <p className="muted">{isToday ? 'No sales yet today.' : 'No sales on this day.'}</p>
            ) : (
              <table className="data-table" aria-labelledby="sales-heading">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col" className="num">Amount</th>
                    <th scope="col">Partner</th>
                    <th scope="col">State</th>
                    <th scope="col">Advice</th>
                    <th scope="col"><span className="offscreen">Details</span></th>
                  </tr>
                </thead>
                <tbody>
                  {history.sales.map((sale) => {
                    const time = times.format(new Date(sale.startedAt));
                    const reconcile = needsReconciling(sale);
                    return (
                      <tr key={sale.saleId}>
                        <td>{time}</td>
                        <td className="num">{format(sale.approvedMinor ?? sale.amountMinor, sale.currency)}</td>
                        <td>{sale.partnerName ?? '—'}</td>
                        <td>
                          <span className={`state-tag state-tag--${sale.phase}`}>{saleStateWords(sale)}</span>
                          {reconcile && <span className="state-tag state-tag--reconcile">To reconcile</span>}
                        </td>
                        <td className={reconcile ? 'text-warning' : undefined}>{adviceWords(sale)}</td>
                        <td>
                          <button type="button" className="button button--small"
                            aria-label={`Details of the sale at ${time}`}
                            onClick={(event) => {
                              detailOpener.current = event.currentTarget;
                              setDetailId(sale.saleId);
                            }}>
                            Details
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
