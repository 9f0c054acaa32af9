import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseQrPayload } from '../../protocol/qr.js';
import { until } from '../support/flows.js';
import { AUTH } from '../support/stack.js';
import { PROVIDER_ID } from '../support/stack-config.js';
import { openTill, type WatchedPage } from './support/browser.js';
import { reservationOf, scanAtPartner } from './support/partner-control.js';
import { decodeQrFromPng } from './support/qr-screenshot.js';
import { screenshot } from './support/screenshots.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// The outcome a cashier must never misread: the partner never answers, the hub gives up (504), and the till says
// "Not completed" and reverses. The customer's screen follows the same sale.

let browser: Browser;
let web: TillWebStack;
const pages: WatchedPage[] = [];

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  for (const page of pages.splice(0)) await page.page.context().close();
  web.stack.partner.setBehaviour({ pay: { mode: 'approve' } });
}, { hub: { timeouts: { scanWindowSeconds: 20, partnerSeconds: 1 } } });

describe('an unclear outcome, and the customer display', () => {
  it('shows Not completed when the partner never answers, and the till\'s reversal reaches the hub', async () => {
    web.stack.partner.setBehaviour({ pay: { mode: 'hang', times: 1 } });
    const till = await openTill(browser, web.url);
    pages.push(till);
    const customer = await openTill(browser, web.url, '#/customer');
    pages.push(customer);
    await customer.page.getByText(/Welcome to Corner Grocer/).waitFor();

    const amount = till.page.getByRole('textbox', { name: 'Amount', exact: true });
    await amount.fill('64,90');
    await amount.press('Enter');
    await till.page.getByRole('img', { name: 'Payment QR code' }).waitFor();
    // The customer scans the code off the customer display, not the cashier's screen.
    await customer.page.getByRole('img', { name: 'Payment QR code' }).waitFor();
    await customer.page.getByText('R 64,90').waitFor();
    const payload = decodeQrFromPng(await customer.page.screenshot());
    expect(payload).toBeDefined();
    const tranId = parseQrPayload(payload!, PROVIDER_ID).tranId;
    await screenshot(customer.page, 'customer-display');

    await scanAtPartner(web.stack, payload!);
    await customer.page.getByText(/Approve the payment in Demo Wallet/).waitFor();
    // Whether the reversal is still on its way or already delivered when the screen is read.
    const reversedTitle = /^Not completed — the payment (is being|was) reversed$/;
    await till.page.getByRole('heading', { name: reversedTitle }).waitFor();
    await till.page.getByText(/do not hand over the goods/i).first().waitFor();
    await customer.page.getByText(reversedTitle).waitFor();
    await screenshot(till.page, 'result-not-completed');

    const sale = await web.engine.snapshot();
    expect(sale.ok && sale.value.current).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown', httpStatus: 504 },
      advice: { kind: 'reversal', reversalReason: 'RESPONSE_NOT_FINAL' },
    });
    await until(async () => {
      const answer = await web.stack.get(`/hub/v1/transactions/${tranId}`, AUTH.admin);
      const events = (answer.body as { events: { type: string; detail?: { kind?: string; reason?: string } }[] }).events;
      return events.some((event) => event.type === 'advice.received' && event.detail?.reason === 'RESPONSE_NOT_FINAL');
    }, 'the till\'s reversal at the hub');
    expect(reservationOf(web.stack, tranId)).toBeUndefined();
    expect(till.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });
});
