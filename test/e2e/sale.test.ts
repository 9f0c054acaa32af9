import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseQrPayload } from '../../protocol/qr.js';
import { hubQueueSettled, until } from '../support/flows.js';
import { PROVIDER_ID } from '../support/stack-config.js';
import { openTill, type WatchedPage } from './support/browser.js';
import { reservationOf, scanAtPartner } from './support/partner-control.js';
import { decodeQrFromPng } from './support/qr-screenshot.js';
import { screenshot } from './support/screenshots.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// A cashier's sale in browser mode, in Debian's Chromium, against the real hub and demo partner.

let browser: Browser;
let web: TillWebStack;
let till: WatchedPage;

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  await till?.page.context().close();
});

// Runs in the page; the test's TypeScript config has no DOM types.
const isFocused = (element: unknown) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement;

async function chargeByKeyboard(amountText: string) {
  till = await openTill(browser, web.url);
  const { page } = till;
  const amount = page.getByRole('textbox', { name: 'Amount', exact: true });
  await amount.waitFor();
  expect(await amount.evaluate(isFocused)).toBe(true);
  await page.keyboard.type(amountText);
  return page;
}

async function qrFromScreen() {
  const { page } = till;
  await page.getByRole('img', { name: 'Payment QR code' }).waitFor();
  const payload = decodeQrFromPng(await page.screenshot());
  expect(payload, 'QR decoded from a screenshot').toBeDefined();
  return payload!;
}

describe('a sale in browser mode', () => {
  it('is typed on the keyboard, scanned from the screen, approved, and confirmed to the partner as a capture', async () => {
    const page = await chargeByKeyboard('123,45');
    await screenshot(page, 'sale');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('Charge');
    await page.keyboard.press('Enter');

    const payload = await qrFromScreen();
    const current = await web.engine.snapshot();
    const tranId = current.ok ? current.value.current?.tranId : undefined;
    expect(tranId).toMatch(/^[0-9a-f]{32}$/);
    expect(parseQrPayload(payload, PROVIDER_ID).tranId).toBe(tranId);
    await screenshot(page, 'charge');

    expect((await scanAtPartner(web.stack, payload)).status).toBe(202);
    await page.getByRole('heading', { name: /^Approved/ }).waitFor();
    await expect.poll(() => page.getByText('Demo Wallet').count()).toBeGreaterThan(0);
    await screenshot(page, 'result-approved');

    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
    await until(() => reservationOf(web.stack, tranId!)?.state === 'captured', 'the confirmation captured at the partner');
    expect(reservationOf(web.stack, tranId!)).toMatchObject({ amount: 12_345, capturedAmount: 12_345 });
    await hubQueueSettled(web.stack, tranId!);
    expect(web.stack.partner.ledger.snapshot().counters.confirm).toEqual({ received: 1, applied: 1 });

    await page.getByRole('button', { name: /History/ }).click();
    await page.getByRole('cell', { name: /Demo Wallet/ }).first().waitFor();
    await screenshot(page, 'history');
    expect(till.problems).toEqual([]);
  });

  it('accepts a decimal point as well, and shows a partner decline in plain words with nothing to reverse', async () => {
    web.stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'INSUFFICIENT_FUNDS', times: 1 } });
    const page = await chargeByKeyboard('45.50');
    await page.keyboard.press('Enter');
    const payload = await qrFromScreen();
    const tranId = parseQrPayload(payload, PROVIDER_ID).tranId;
    await scanAtPartner(web.stack, payload);

    await page.getByRole('heading', { name: /^Declined/ }).waitFor();
    await expect.poll(() => page.getByText(/insufficient funds/i).count()).toBeGreaterThan(0);
    await screenshot(page, 'result-declined');
    expect(reservationOf(web.stack, tranId)).toBeUndefined();
    const sale = await web.engine.snapshot();
    expect(sale.ok && sale.value.current).toMatchObject({ phase: 'declined', amountMinor: 4_550, outcome: { errorType: 'INSUFFICIENT_FUNDS' } });
    expect(sale.ok && sale.value.current?.advice).toBeUndefined();
    await page.getByRole('button', { name: 'New sale' }).press('Enter');
    await page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
    expect(till.problems).toEqual([]);
  });
});
