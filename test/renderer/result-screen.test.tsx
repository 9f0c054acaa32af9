// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SaleView } from '../../electron/preload/bridge-types';
import { ErrorType } from '../../protocol/errors';
import { declineReason } from '../../renderer/result/outcome-words';
import { FakeBridge, refused, SALE_ID, saleFixture } from './fake-bridge';
import { renderApp } from './render-app';

function showResult(sale: Partial<SaleView>, bridge = new FakeBridge()) {
  bridge.snapshotValue = { ...bridge.snapshotValue, current: saleFixture(sale) };
  return renderApp(bridge);
}

const approved: Partial<SaleView> = {
  phase: 'approved',
  partnerName: 'Demo Wallet',
  approvedMinor: 12345,
  slipLines: ['DEMO WALLET', 'Auth 123456', 'Thank you'],
  advice: { kind: 'confirmation', delivery: 'pending', attempts: 0, queuedAt: '2025-03-14T10:00:02.000Z' },
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Result screen', () => {
  test('approved: heading, partner, amount, slip lines and the confirmation', async () => {
    showResult(approved);
    expect(await screen.findByRole('heading', { level: 1, name: /^Approved/ })).toBeTruthy();
    expect(screen.getByText('Demo Wallet', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText(/R\s123,45/, { selector: '.result-amount' })).toBeTruthy();
    const slip = screen.getByRole('complementary', { name: 'Slip' });
    expect(slip.textContent).toContain('Auth 123456');
    expect(slip.textContent).toContain('Corner Grocer');
    expect(screen.getByText(/Confirmation pending/)).toBeTruthy();
  });

  test('approved: Print prints', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user } = showResult(approved);
    await user.click(await screen.findByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
  });

  test('approved: Void reverses the sale and the screen then says Not completed', async () => {
    const { user, bridge } = showResult(approved);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    expect(bridge.callsOf('voidSale')).toEqual([SALE_ID]);
    expect(await screen.findByRole('heading', { name: /^Not completed/ })).toBeTruthy();
    expect(screen.getByText('The sale was voided after approval. The payment is being reversed.')).toBeTruthy();
  });

  test('approved: a refused Void shows the till\'s message', async () => {
    const bridge = new FakeBridge().respond('voidSale', () => refused('NOT_ALLOWED', 'This sale can no longer be voided.'));
    const { user } = showResult(approved, bridge);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    expect(await screen.findByText('This sale can no longer be voided.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });

  test.each([
    ['INSUFFICIENT_FUNDS', "The customer's wallet has insufficient funds"],
    ['NO_SCAN_RECEIVED', 'The QR code was not scanned in time'],
    ['DO_NOT_HONOR', "The customer's wallet provider refused the payment"],
    ['SOMETHING_NEW', 'The payment was declined (code SOMETHING_NEW)'],
  ])('declined with %s says why in plain words', async (errorType, words) => {
    showResult({ phase: 'declined', outcome: { errorType, httpStatus: 400, detail: 'raw hub text' } });
    expect(await screen.findByRole('heading', { name: /^Declined/ })).toBeTruthy();
    expect(screen.getByText(words)).toBeTruthy();
    expect(screen.getByText(/No payment was taken/)).toBeTruthy();
    expect(screen.queryByText('raw hub text')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Void' })).toBeNull();
  });

  test('every errorType of the interface has its own words', () => {
    for (const errorType of ErrorType.options) {
      expect(declineReason(errorType), errorType).not.toMatch(/\(code |^The payment was declined$/);
      expect(declineReason(errorType), errorType).not.toContain(errorType);
    }
    expect(new Set(ErrorType.options.map(declineReason)).size).toBe(ErrorType.options.length);
  });

  test.each([
    [{ phase: 'not-completed', outcome: { reason: 'hub-unreachable' } }, /No payment was taken\./],
    [{ phase: 'not-completed', outcome: { reason: 'qr-failed' } }, /did not issue a QR code\. No payment was taken\./],
    [{ phase: 'not-completed', outcome: { reason: 'outcome-unknown' } }, /^The outcome was unclear, so the payment is being reversed\.$/],
    [{ phase: 'cancelled' }, /^The sale was cancelled\./],
    [{ phase: 'voided', outcome: { reason: 'voided' } }, /^The sale was voided after approval\./],
  ] as [Partial<SaleView>, RegExp][])('not completed (%o) warns not to hand over the goods and says why', async (sale, reason) => {
    showResult(sale);
    expect(await screen.findByRole('heading', { level: 1, name: /^Not completed/ })).toBeTruthy();
    expect(screen.getByText('Payment not completed — do not hand over the goods.')).toBeTruthy();
    expect(screen.getByText(reason, { selector: '.result-reason' })).toBeTruthy();
  });

  test('not completed shows where the reversal stands', async () => {
    const { bridge } = showResult({
      phase: 'not-completed',
      outcome: { reason: 'outcome-unknown' },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT', delivery: 'pending', attempts: 2, queuedAt: '2025-03-14T10:00:02.000Z' },
    });
    expect(await screen.findByText(/^Reversal pending/)).toBeTruthy();
    act(() => bridge.emit({
      type: 'sale',
      sale: saleFixture({
        phase: 'not-completed',
        outcome: { reason: 'outcome-unknown' },
        advice: { kind: 'reversal', reversalReason: 'TIMEOUT', delivery: 'delivered', attempts: 3, queuedAt: '2025-03-14T10:00:02.000Z' },
      }),
    }));
    expect(screen.getByText('Reversal delivered to the payment service.')).toBeTruthy();
  });

  test('New sale is focused, and Enter dismisses the sale and opens the Sale screen', async () => {
    const { user, bridge } = showResult({ phase: 'declined', outcome: { errorType: 'NO_SCAN_RECEIVED' } });
    const newSale = await screen.findByRole('button', { name: 'New sale' });
    expect(document.activeElement).toBe(newSale);
    await user.keyboard('{Enter}');
    expect(bridge.callsOf('dismiss')).toEqual([SALE_ID]);
    const amount = await screen.findByRole('textbox', { name: 'Amount' });
    expect(document.activeElement).toBe(amount);
  });

  test('a late event about a dismissed sale does not bring it back', async () => {
    const { user, bridge } = showResult(approved);
    await user.click(await screen.findByRole('button', { name: 'New sale' }));
    await screen.findByRole('textbox', { name: 'Amount' });
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ ...approved, advice: { ...approved.advice!, delivery: 'delivered' } }) }));
    expect(screen.getByRole('textbox', { name: 'Amount' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /^Approved/ })).toBeNull();
  });

  test('a failed dismiss is shown and the result stays', async () => {
    const bridge = new FakeBridge().respond('dismiss', () => refused('UNAVAILABLE', 'The till service cannot be reached.'));
    const { user } = showResult(approved, bridge);
    await user.click(await screen.findByRole('button', { name: 'New sale' }));
    expect(await screen.findByText('The till service cannot be reached.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });
});
