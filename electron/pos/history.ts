import type { CsvExport, HistoryView, PartnerTotal, SaleView } from '../preload/bridge-types.js';
import { currencyNumericCode, formatMinorUnits } from '../../protocol/index.js';

// The shift view: today's sales (the till's local calendar day), totals per partner, and the CSV export.

/** YYYY-MM-DD of the local calendar day of `at`. */
export function localDay(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function todaysSales(sales: SaleView[], now: number): SaleView[] {
  const day = localDay(now);
  return sales
    .filter((sale) => localDay(Date.parse(sale.startedAt)) === day)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || b.saleId.localeCompare(a.saleId));
}

/** Approved sales (not voided) whose confirmation is delivered or still on its way; a rejected one needs reconciling. */
export function partnerTotals(sales: SaleView[]): PartnerTotal[] {
  const totals = new Map<string, PartnerTotal>();
  for (const sale of sales) {
    if (sale.phase !== 'approved' || sale.advice?.delivery === 'rejected') continue;
    const partnerName = sale.partnerName ?? 'Unknown partner';
    const total = totals.get(partnerName) ?? { partnerName, count: 0, amountMinor: 0 };
    total.count += 1;
    total.amountMinor += sale.approvedMinor ?? sale.amountMinor;
    totals.set(partnerName, total);
  }
  return [...totals.values()].sort((a, b) => a.partnerName.localeCompare(b.partnerName));
}

export function historyView(sales: SaleView[], currency: string, now: number): HistoryView {
  const today = todaysSales(sales, now);
  return { day: localDay(now), currency, sales: today, totals: partnerTotals(today) };
}

const CSV_HEADER = ['time', 'saleId', 'tranId', 'amount', 'currency', 'phase', 'partner', 'errorType', 'adviceKind',
  'adviceDelivery'];

/** RFC 4180 quoting, and a leading ' on anything a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function amountText(sale: SaleView): string {
  const numeric = currencyNumericCode(sale.currency);
  return numeric ? formatMinorUnits(sale.amountMinor, numeric) : String(sale.amountMinor);
}

export function salesCsv(history: HistoryView): CsvExport {
  const rows = history.sales.map((sale) => [
    sale.startedAt, sale.saleId, sale.tranId ?? '', amountText(sale), sale.currency, sale.phase, sale.partnerName ?? '',
    sale.outcome?.errorType ?? '', sale.advice?.kind ?? '', sale.advice?.delivery ?? '',
  ]);
  const csv = [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return { filename: `qr-till-${history.day}.csv`, csv };
}
