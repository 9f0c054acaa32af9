// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SaleView } from '../../electron/preload/bridge-types';
import { ErrorType } from '../../protocol/errors';
import { declineReason } from '../../renderer/result/outcome-words';
import { FakeBridge, ok, refused, SALE_ID, saleFixture } from './fake-bridge';
import { describedText, renderApp } from './render-app';

const OTHER_SALE_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

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
  voidable: true,
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

  test('approved: Void asks first; Escape and Keep sale leave the sale approved without voiding it', async () => {
    const { user, bridge } = showResult(approved);
    const voidButton = await screen.findByRole('button', { name: 'Void' });
    await user.click(voidButton);
    const dialog = screen.getByRole('alertdialog', { name: 'Void this sale?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.textContent).toMatch(/R\s123,45/);
    expect(describedText(dialog)).toContain('return the payment to the customer');
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Tab}');
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Tab}');
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(voidButton);
    await user.click(voidButton);
    await user.click(screen.getByRole('button', { name: 'Keep sale' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(bridge.callsOf('voidSale')).toEqual([]);
    expect(screen.getByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });

  test('approved: confirming the Void voids, and the screen says the payment is being returned', async () => {
    const { user, bridge } = showResult(approved);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    await user.click(screen.getByRole('button', { name: 'Void sale' }));
    expect(bridge.callsOf('voidSale')).toEqual([SALE_ID]);
    expect(await screen.findByRole('heading', { name: 'Voided — the payment is being returned to the customer' })).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  test('approved, once the confirmation has gone out: no Void to offer, Print stays', async () => {
    const { voidable: _voidable, ...sent } = approved;
    showResult({ ...sent, advice: { ...approved.advice!, delivery: 'delivered' } });
    await screen.findByRole('button', { name: 'Print' });
    expect(screen.queryByRole('button', { name: 'Void' })).toBeNull();
  });

  test('approved: a refused Void shows the till\'s message', async () => {
    const bridge = new FakeBridge().respond('voidSale', () => refused('NOT_ALLOWED', 'This sale can no longer be voided.'));
    const { user } = showResult(approved, bridge);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    await user.click(screen.getByRole('button', { name: 'Void sale' }));
    expect(await screen.findByText('This sale can no longer be voided.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });

  test.each([
    ['INSUFFICIENT_FUNDS', 'Declined — no payment was taken', "The customer's wallet has insufficient funds"],
    ['DO_NOT_HONOR', 'Declined — no payment was taken', "The customer's wallet provider refused the payment"],
    ['NO_SCAN_RECEIVED', 'Not paid — the code was not scanned in time', 'The customer did not scan the QR code before it expired'],
    ['ROUTING_ERROR', 'Not paid — the payment did not go through', "The payment could not be routed to the customer's wallet provider"],
    ['SOMETHING_NEW', 'Not paid — the payment did not go through', 'The payment service refused the payment (code SOMETHING_NEW)'],
  ])('a failed payment with %s says what happened in plain words', async (errorType, heading, words) => {
    showResult({ phase: 'declined', outcome: { errorType, httpStatus: 400, detail: 'raw hub text' } });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(screen.getByText(new RegExp(`^${words.replace(/[()]/g, '\\$&')}`), { selector: '.result-reason' })).toBeTruthy();
    expect(screen.getAllByText(/no payment was taken/i).length).toBeGreaterThan(0);
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
    [{ phase: 'not-completed', outcome: { reason: 'hub-unreachable' } }, 'Not paid — the payment service could not be reached', false],
    [{ phase: 'not-completed', outcome: { reason: 'outcome-unknown' } }, 'Not completed — the payment is being reversed', true],
    [{ phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false } }, 'Cancelled — no payment was taken', false],
    [
      { phase: 'cancelled', outcome: { reason: 'cancelled', scanned: true }, partnerName: 'Demo Wallet' },
      'Cancelled — the payment is being reversed', true,
    ],
  ] as [Partial<SaleView>, string, boolean][])('%o is headed "%s"', async (sale, heading, warns) => {
    showResult(sale);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    expect(screen.queryByText('Do not hand over the goods.') !== null).toBe(warns);
    expect(screen.queryByText(/anything the customer paid/i)).toBeNull();
  });

  test('Try again charges the same amount and basket again, from the keyboard, and shows the new sale', async () => {
    const basket = [{ description: 'Bread', quantity: 2, unitPriceMinor: 1500 }, { description: 'Milk', quantity: 1, unitPriceMinor: 2200 }];
    const { user, bridge } = showResult({ phase: 'declined', amountMinor: 5200, basket, outcome: { errorType: 'NO_SCAN_RECEIVED' } });
    await screen.findByRole('heading', { name: /^Not paid/ });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New sale' }));
    await user.keyboard('{Tab}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Try again' }));
    bridge.respond('charge', (input) => ok(saleFixture({ saleId: OTHER_SALE_ID, amountMinor: input.amountMinor, basket: input.basket! })));
    await user.keyboard('{Enter}');
    expect(bridge.callsOf('charge')).toEqual([{ amountMinor: 5200, basket }]);
    expect(bridge.callsOf('dismiss')).toEqual([]);
    expect(await screen.findByRole('img', { name: 'Payment QR code' })).toBeTruthy();
    expect(screen.getByText(/R\s52,00/)).toBeTruthy();
    // A late event about the sale left behind does not bring it back over the new one.
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ phase: 'declined', amountMinor: 5200, outcome: { errorType: 'NO_SCAN_RECEIVED' } }) }));
    expect(screen.getByRole('img', { name: 'Payment QR code' })).toBeTruthy();
  });

  test('Try again without a basket sends the amount only; a refusal is shown on the result', async () => {
    const bridge = new FakeBridge().respond('charge', () => refused('UNAVAILABLE', 'The till service cannot be reached.'));
    const { user } = showResult({ phase: 'cancelled', amountMinor: 999, outcome: { reason: 'cancelled', scanned: false } }, bridge);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(bridge.callsOf('charge')).toEqual([{ amountMinor: 999 }]);
    expect(await screen.findByText('The till service cannot be reached.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Cancelled/ })).toBeTruthy();
  });

  test.each([
    ['approved', approved],
    ['voided', { phase: 'voided', outcome: { reason: 'voided' } }],
  ] as [string, Partial<SaleView>][])('no Try again on a %s sale', async (_name, sale) => {
    showResult(sale);
    await screen.findByRole('button', { name: 'New sale' });
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
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
