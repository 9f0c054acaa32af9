// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { HistoryView } from '../../electron/preload/bridge-types';
import { FakeBridge, historyFixture, ok, saleFixture, statusFixture } from './fake-bridge';
import { renderSaleScreen } from './render-app';

// History beyond today's list: another day, one sale in detail, a reprint of its slip, and a refused advice.

const REFUSED = saleFixture({
  saleId: '4d3c2b1a-0f9e-4d8c-b7a6-f5e4d3c2b1a0', phase: 'approved', amountMinor: 9900, approvedMinor: 9900,
  partnerName: 'Demo Wallet', startedAt: '2025-03-14T11:00:00.000Z', tranId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  receiptNumber: 'TILL0001-000042', walletReference: 'DW1234ABCD', terminalId: 'TILL0001',
  basket: [{ description: 'Bread', quantity: 2, unitPriceMinor: 1950 }, { description: 'Milk', quantity: 1, unitPriceMinor: 6000 }],
  advice: {
    kind: 'confirmation', delivery: 'delivered', attempts: 2, queuedAt: '2025-03-14T11:00:01.000Z', lastError: undefined,
    finishedAt: '2025-03-14T11:00:05.000Z', partnerOutcome: 'refused', partnerStatus: '400', partnerFinishedAt: '2025-03-14T11:00:06.000Z',
  },
});

function withRefused(): HistoryView {
  const base = historyFixture();
  return { ...base, sales: [REFUSED, ...base.sales] };
}

async function openHistory(bridge: FakeBridge) {
  const rendered = await renderSaleScreen(bridge);
  await rendered.user.keyboard('{F3}');
  await screen.findByRole('table', { name: 'Sales, newest first' });
  return rendered;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('History: another day', () => {
  test('Previous day asks the till for the older day with sales; Today comes back', async () => {
    const bridge = new FakeBridge().respond('history', (day) => ok(day === '2025-03-12'
      ? { ...historyFixture(), day: '2025-03-12', sales: [], totals: [] }
      : historyFixture()));
    const { user } = await openHistory(bridge);
    expect((screen.getByRole('button', { name: /Next day/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: /Previous day/ }));
    expect(await screen.findByRole('heading', { name: /^Sales of 2025-03-12/ })).toBeTruthy();
    expect(screen.getByText('No sales on this day.')).toBeTruthy();
    expect(bridge.callsOf('history').at(-1)).toBe('2025-03-12');
    expect((screen.getByLabelText('Day') as HTMLInputElement).value).toBe('2025-03-12');

    await user.click(screen.getByRole('button', { name: /^Today$/ }));
    expect(await screen.findByRole('heading', { name: /^Today's sales/ })).toBeTruthy();
    expect(bridge.callsOf('history').at(-1)).toBe(null);
  });

  test('a date typed in the Day field loads that day, and Export CSV exports the day shown', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:qr-till/export');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const bridge = new FakeBridge().respond('history', (day) => ok({ ...historyFixture(), day: day ?? '2025-03-14' }));
    const { user } = await openHistory(bridge);
    // jsdom's date input takes no typing; a change event is what a picked or typed date sends.
    fireEvent.change(screen.getByLabelText('Day'), { target: { value: '2025-03-01' } });
    expect(await screen.findByRole('heading', { name: /^Sales of 2025-03-01/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(bridge.callsOf('exportCsv').at(-1)).toBe('2025-03-01');
  });
});

describe('History: a sale in detail', () => {
  test('a partner-refused confirmation is marked to reconcile; its detail gives ids, reason and deliveries', async () => {
    const bridge = new FakeBridge().respond('history', () => ok(withRefused()));
    const { user } = await openHistory(bridge);
    const table = screen.getByRole('table', { name: 'Sales, newest first' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('To reconcile');
    expect(row.textContent).toContain('Confirmation refused by the wallet');

    await user.click(within(row).getByRole('button', { name: /^Details of the sale at/ }));
    const detail = screen.getByRole('region', { name: 'Sale details' });
    expect(document.activeElement).toBe(within(detail).getByRole('heading', { name: 'Sale details' }));
    const text = detail.textContent ?? '';
    for (const expected of ['a1b2c3d4e5f60718293a4b5c6d7e8f90', 'TILL0001-000042', 'DW1234ABCD', 'TILL0001',
      'Approved by Demo Wallet.', 'Attempts2', 'Refused (answer 400) — reconcile this sale', 'Delivered to the hub']) {
      expect(text).toContain(expected);
    }
    expect(within(detail).getByRole('alert').textContent).toContain('The customer\'s wallet provider refused the confirmation');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Sale details' })).toBeNull();
    expect(document.activeElement).toBe(within(row).getByRole('button', { name: /^Details/ }));
  });

  test('Reprint slip prints a copy of a past approved sale with its basket, receipt and wallet reference', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const bridge = new FakeBridge().respond('history', () => ok(withRefused()));
    const { user } = await openHistory(bridge);
    await user.click(screen.getAllByRole('button', { name: /^Details of the sale at/ })[0]!);
    const slip = screen.getByRole('complementary', { name: 'Slip copy' });
    const text = slip.textContent ?? '';
    for (const expected of ['COPY — REPRINTED', 'Receipt TILL0001-000042', '2 × Bread', '1 × Milk', 'Wallet ref DW1234ABCD']) {
      expect(text).toContain(expected);
    }
    await user.click(screen.getByRole('button', { name: 'Reprint slip' }));
    expect(print).toHaveBeenCalledOnce();
  });

  test('a declined sale has no reprint, and its reason is in plain words', async () => {
    const { user } = await openHistory(new FakeBridge());
    await user.click(screen.getAllByRole('button', { name: /^Details of the sale at/ })[1]!);
    const detail = screen.getByRole('region', { name: 'Sale details' });
    expect(detail.textContent).toContain('The customer\'s wallet has insufficient funds.');
    expect(detail.textContent).toContain('None: nothing had to be confirmed or reversed.');
    expect(within(detail).queryByRole('button', { name: 'Reprint slip' })).toBeNull();
  });
});

describe('Status bar: partner-refused advices', () => {
  test('raise an alert naming the sales to reconcile', async () => {
    await renderSaleScreen(new FakeBridge({ status: statusFixture({ outbox: { pending: 0, rejected: 0, overdue: 0, partnerRefused: 2 } }) }));
    const alert = within(screen.getByRole('contentinfo')).getByRole('alert');
    expect(alert.textContent).toContain('2 sales refused by the wallet provider — to reconcile (see History)');
  });
});
