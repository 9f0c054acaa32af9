import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openTill, type WatchedPage } from './support/browser.js';
import { screenshot } from './support/screenshots.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// A QR code nobody scans: the hub's short scan window closes, and neither screen calls that a decline.

let browser: Browser;
let web: TillWebStack;
const pages: WatchedPage[] = [];

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  for (const page of pages.splice(0)) await page.page.context().close();
}, { hub: { timeouts: { scanWindowSeconds: 2, partnerSeconds: 5 } } });

describe('a code not scanned in time', () => {
  it('reads "Not paid — the code was not scanned in time" on the till and the customer display, never "Declined"', async () => {
    const till = await openTill(browser, web.url);
    pages.push(till);
    const customer = await openTill(browser, web.url, '#/customer');
    pages.push(customer);
    await customer.page.getByText(/Welcome to Corner Grocer/).waitFor();

    const amount = till.page.getByRole('textbox', { name: 'Amount', exact: true });
    await amount.fill('7,25');
    await amount.press('Enter');
    await till.page.getByRole('img', { name: 'Payment QR code' }).waitFor();

    const heading = till.page.getByRole('heading', { name: 'Not paid — the code was not scanned in time' });
    await heading.waitFor({ timeout: 30_000 });
    await till.page.getByText(/No payment was taken/).waitFor();
    await customer.page.getByText('Not paid — the code was not scanned in time').waitFor();
    expect(await till.page.getByText(/declined/i).count()).toBe(0);
    expect(await customer.page.getByText(/declined/i).count()).toBe(0);
    const sale = await web.engine.snapshot();
    expect(sale.ok && sale.value.current).toMatchObject({ phase: 'declined', outcome: { errorType: 'NO_SCAN_RECEIVED' } });

    await till.page.getByRole('button', { name: 'Try again' }).waitFor();
    await screenshot(till.page, 'result-not-paid');
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await amount.waitFor();
    expect(till.problems).toEqual([]);
    expect(customer.problems).toEqual([]);
  });
});
