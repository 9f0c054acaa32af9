// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FakeBridge, refused } from './fake-bridge';
import { renderSaleScreen } from './render-app';

async function openHistory(bridge = new FakeBridge()) {
  const rendered = await renderSaleScreen(bridge);
  await rendered.user.keyboard('{F3}');
  await screen.findByRole('heading', { name: /^Today's sales/ });
  return rendered;
}

const createObjectURL = vi.fn((_blob: Blob) => 'blob:qr-till/export');
const revokeObjectURL = vi.fn();

beforeEach(() => {
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

afterEach(() => {
  vi.restoreAllMocks();
  createObjectURL.mockClear();
  revokeObjectURL.mockClear();
});

describe('History screen', () => {
  test('lists today\'s sales newest first with amount, partner, state and advice', async () => {
    await openHistory();
    const table = await screen.findByRole('table', { name: 'Sales, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent?.replace(/\s/g, ' '));
    expect(cells(rows[0]!).slice(1)).toEqual(['R 50,00', 'Demo Wallet', 'Approved', 'Confirmation pending', 'Details']);
    expect(cells(rows[1]!).slice(1)).toEqual(['R 7,00', '—', 'Declined', '—', 'Details']);
    expect(cells(rows[2]!).slice(3)).toEqual(['ApprovedTo reconcile', 'Confirmation rejected', 'Details']);
  });

  test('shows totals by partner and the shift total', async () => {
    await openHistory();
    const totals = await screen.findByRole('table', { name: 'Totals by partner' });
    const text = (totals.textContent ?? '').replace(/\s/g, ' ');
    expect(text).toContain('Demo Wallet3R 150,00');
    expect(text).toContain('Other Pay1R 25,50');
    expect(text).toContain('Total4R 175,50');
  });

  test('Export CSV asks the till for the file and downloads it', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('qr-till-2025-03-14.csv');
      expect(this.href).toBe('blob:qr-till/export');
    });
    const { user, bridge } = await openHistory();
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(bridge.callsOf('exportCsv')).toHaveLength(1);
    expect(click).toHaveBeenCalledOnce();
    const blob = createObjectURL.mock.calls[0]![0];
    expect(await blob.text()).toBe('time,amount\n10:05,50.00\n');
    expect(await screen.findByText('Exported qr-till-2025-03-14.csv')).toBeTruthy();
  });

  test('a refused export is shown, not swallowed', async () => {
    const bridge = new FakeBridge().respond('exportCsv', () => refused('INTERNAL', 'The journal could not be read.'));
    const { user } = await openHistory(bridge);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Export failed: The journal could not be read.')).toBeTruthy();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  test('reloads when the till reports a history change', async () => {
    const { bridge } = await openHistory();
    await screen.findByRole('table', { name: 'Totals by partner' });
    expect(bridge.callsOf('history')).toHaveLength(1);
    bridge.respond('history', () => ({ ok: true, value: { day: '2025-03-14', today: '2025-03-14', days: [], currency: 'ZAR', sales: [], totals: [] } }));
    act(() => bridge.emit({ type: 'history-changed' }));
    expect(await screen.findByText('No sales yet today.')).toBeTruthy();
    expect(bridge.callsOf('history')).toHaveLength(2);
  });

  test('a history that cannot be loaded says so', async () => {
    const bridge = new FakeBridge().respond('history', () => refused('UNAVAILABLE', 'The till service cannot be reached.'));
    await openHistory(bridge);
    expect(await screen.findByText('Could not load the history: The till service cannot be reached.')).toBeTruthy();
  });
});
