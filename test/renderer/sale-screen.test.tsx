// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { FakeBridge, refused } from './fake-bridge';
import { describedText, renderSaleScreen } from './render-app';

describe('Sale screen', () => {
  test('opens with the Amount field focused, without any login or settings step', async () => {
    const { amount } = await renderSaleScreen();
    expect(document.activeElement).toBe(amount);
    expect(screen.getByRole('heading', { name: 'New sale' })).toBeTruthy();
  });

  test.each(['123,45', '123.45'])('typing %s and Enter charges 12345 minor units', async (typed) => {
    const { amount, user, bridge } = await renderSaleScreen();
    await user.type(amount, `${typed}{Enter}`);
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(bridge.callsOf('charge')).toEqual([{ amountMinor: 12345 }]);
  });

  test('shows the typed amount formatted for the till currency and locale', async () => {
    const { amount, user } = await renderSaleScreen();
    await user.type(amount, '1234.5');
    expect(screen.getByText(/R\s1\s234,50/)).toBeTruthy();
  });

  test('the on-screen keypad enters digits, 00, the decimal separator, backspace and clear', async () => {
    const { amount, user, bridge } = await renderSaleScreen();
    const keypad = screen.getByRole('group', { name: 'Keypad' });
    const press = (name: string) => user.click(within(keypad).getByRole('button', { name }));
    for (const key of ['9', 'Clear', '1', '00', 'Decimal separator', '5', '7', 'Backspace', '0']) await press(key);
    expect((amount as HTMLInputElement).value).toBe('100,50');
    // The keypad leaves the caret in the Amount field, so Enter still charges.
    expect(document.activeElement).toBe(amount);
    await user.keyboard('{Enter}');
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(bridge.callsOf('charge')).toEqual([{ amountMinor: 10050 }]);
  });

  test('the keypad has all fourteen keys, kept out of the Tab order (keyboard users type in Amount)', async () => {
    await renderSaleScreen();
    const keys = within(screen.getByRole('group', { name: 'Keypad' })).getAllByRole('button');
    expect(keys).toHaveLength(14);
    for (const key of keys) expect(key.tabIndex).toBe(-1);
  });

  test('Tab from Amount reaches Charge', async () => {
    const { user } = await renderSaleScreen();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Charge' }));
  });

  test('the Charge button charges what is in the Amount field', async () => {
    const { amount, user, bridge } = await renderSaleScreen();
    await user.type(amount, '42');
    await user.click(screen.getByRole('button', { name: 'Charge' }));
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(bridge.callsOf('charge')).toEqual([{ amountMinor: 4200 }]);
  });

  test.each([
    ['12abc', /Use digits/],
    ['0', /greater than zero/],
    ['1.234,5.6', /too many separators/],
    ['', /Enter an amount/],
  ])('an invalid amount (%j) shows an error and does not charge', async (typed, message) => {
    const { amount, user, bridge } = await renderSaleScreen();
    if (typed) await user.type(amount, typed);
    await user.click(amount);
    await user.keyboard('{Enter}');
    const alert = screen.getAllByRole('alert').find((element) => element.textContent !== '');
    expect(alert?.textContent).toMatch(message);
    expect(describedText(amount)).toMatch(message);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsOf('charge')).toEqual([]);
    expect(document.activeElement).toBe(amount);
  });

  test('basket lines make the amount their total and travel with the charge', async () => {
    const { amount, user, bridge } = await renderSaleScreen();
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Bread');
    await user.clear(screen.getByRole('textbox', { name: 'Quantity' }));
    await user.type(screen.getByRole('textbox', { name: 'Quantity' }), '2');
    await user.type(screen.getByRole('textbox', { name: 'Unit price' }), '15,50{Enter}');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Milk');
    await user.type(screen.getByRole('textbox', { name: 'Unit price' }), '22.00');
    await user.click(screen.getByRole('button', { name: 'Add line' }));

    expect((amount as HTMLInputElement).value).toBe('53,00');
    expect((amount as HTMLInputElement).readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Charge' }));
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(bridge.callsOf('charge')).toEqual([{
      amountMinor: 5300,
      basket: [
        { description: 'Bread', quantity: 2, unitPriceMinor: 1550 },
        { description: 'Milk', quantity: 1, unitPriceMinor: 2200 },
      ],
    }]);
  });

  test('a basket line with a bad price is refused next to the basket form', async () => {
    const { user } = await renderSaleScreen();
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Bread');
    await user.type(screen.getByRole('textbox', { name: 'Unit price' }), 'free{Enter}');
    expect(screen.getByText(/Unit price: Use digits/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  test('removing the last basket line gives the Amount field back', async () => {
    const { amount, user } = await renderSaleScreen();
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Bread');
    await user.type(screen.getByRole('textbox', { name: 'Unit price' }), '10{Enter}');
    expect((amount as HTMLInputElement).readOnly).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Remove Bread' }));
    expect((amount as HTMLInputElement).readOnly).toBe(false);
    expect((amount as HTMLInputElement).value).toBe('');
  });

  test('a charge the till refuses comes back to the Sale screen with the reason and the amount kept', async () => {
    const bridge = new FakeBridge().respond('charge', () => refused('BUSY', 'Another sale is still in progress.'));
    const { amount, user } = await renderSaleScreen(bridge);
    await user.type(amount, '99,99{Enter}');
    const again = await screen.findByRole('textbox', { name: 'Amount' });
    expect((again as HTMLInputElement).value).toBe('99,99');
    expect(describedText(again)).toContain('Another sale is still in progress.');
    // BUSY: the till may have a sale this screen does not know about, so it looks again.
    expect(bridge.callsOf('snapshot').length).toBeGreaterThanOrEqual(2);
  });

  test('an amount the till refuses names the problem in plain words', async () => {
    const bridge = new FakeBridge().respond(
      'charge',
      () => refused('INVALID_INPUT', 'Invalid input', { amountMinor: 'must equal the basket total' }),
    );
    const { amount, user } = await renderSaleScreen(bridge);
    await user.type(amount, '5{Enter}');
    const again = await screen.findByRole('textbox', { name: 'Amount' });
    expect(describedText(again)).toContain('The till refused the amount: it must equal the basket total.');
  });
});
