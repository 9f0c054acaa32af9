import type { CsvExport, HistoryView, PartnerTotal, SaleView } from '../preload/bridge-types.js';
import { currencyNumericCode, formatMinorUnits } from '../../protocol/index.js';
import { needsReconciling } from '../preload/sale-view-rules.js';

// The shift view: one local calendar day's sales (today unless asked), totals per partner, and the CSV export.

/** YYYY-MM-DD of the local calendar day of `at`. */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

export function salesOfDay(sales: SaleView[], day: string): SaleView[] {
  return sales
    .filter((sale) => localDay(Date.parse(sale.startedAt)) === day)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.saleId.localeCompare(a.saleId));
}

export function todaysSales(sales: SaleView[], now: number): SaleView[] {
  return salesOfDay(sales, localDay(now));
}

/** Approved sales (not voided) whose confirmation is delivered or still on its way. One the hub rejected, or the
 *  partner refused, is not settled: it needs reconciling and is left out. */
export function partnerTotals(sales: SaleView[]): PartnerTotal[] {
  const totals = new Map<string, PartnerTotal>();
  for (const sale of sales) {
    if (sale.phase !== 'approved' || sale.advice?.delivery === 'rejected' || sale.advice?.partnerOutcome === 'refused') continue;
    const partnerName = sale.partnerName ?? 'Unknown partner';
    const total = totals.get(partnerName) ?? { partnerName, count: 0, amountMinor: 0 };
    total.count += 1;
    total.amountMinor += sale.approvedMinor ?? sale.amountMinor;
    totals.set(partnerName, total);
  }
  return [...totals.values()].sort((a, b) => a.partnerName.localeCompare(b.partnerName));
}

export function historyView(sales: SaleView[], currency: string, now: number, day = localDay(now)): HistoryView {
  const shown = salesOfDay(sales, day);
  const days = [...new Set(sales.map((sale) => localDay(Date.parse(sale.startedAt))))].sort().reverse();
  return { day, today: localDay(now), days, currency, sales: shown, totals: partnerTotals(shown) };
}

const CSV_HEADER = ['time', 'saleId', 'receiptNumber', 'terminalId', 'tranId', 'walletReference', 'amount', 'currency',
  'phase', 'partner', 'errorType', 'adviceKind', 'adviceDelivery', 'partnerOutcome', 'reconcile'];

/** RFC 4180 quoting, and a leading ' on anything a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function amountText(sale: SaleView): string {
  const numeric = currencyNumericCode(sale.currency);
  return numeric ? formatMinorUnits(sale.amountMinor, numeric) : String(sale.amountMinor);
}


/** `terminalId` names sales recorded before the till kept it on each sale. */
export function salesCsv(history: HistoryView, terminalId: string): CsvExport {
  const rows = history.sales.map((sale) => [
    sale.startedAt, sale.saleId, sale.receiptNumber ?? '', sale.terminalId ?? terminalId, sale.tranId ?? '',
    sale.walletReference ?? '', amountText(sale), sale.currency, sale.phase, sale.partnerName ?? '',
    sale.outcome?.errorType ?? '', sale.advice?.kind ?? '', sale.advice?.delivery ?? '',
    sale.advice?.partnerOutcome ?? '', needsReconciling(sale) ? 'yes' : '',
  ]);
  const csv = [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { filename: `qr-till-${history.day}.csv`, csv };
}
