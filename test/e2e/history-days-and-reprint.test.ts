import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../electron/pos/history.js';
import type { SaleRecord } from '../../electron/pos/sale-record.js';
import { newSale } from '../../electron/pos/sale-rules.js';
import { TillStore } from '../../electron/pos/till-store.js';
import { newUuid } from '../../protocol/index.js';
import { openTill, type WatchedPage } from './support/browser.js';
import { screenshot } from './support/screenshots.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// History of another day, a sale's detail and a reprint of its slip, in Chromium. The past is seeded: before the till
// first opens its data folder, its journal gets an approved sale of two days ago (what a till that sold then keeps).

const TWO_DAYS_AGO = Date.now() - 2 * 86_400_000;
const PAST_DAY = localDay(TWO_DAYS_AGO);
const PAST_SALE: SaleRecord = {
  ...newSale({ amountMinor: 5900, basket: [
    { description: 'Bread', quantity: 2, unitPriceMinor: 1950 }, { description: 'Jam', quantity: 1, unitPriceMinor: 2000 },
  ] }, newUuid(), 'ZAR', TWO_DAYS_AGO),
  phase: 'approved', dismissed: true, terminalId: 'TILL0001', tranId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  partnerId: 'demo-wallet', partnerName: 'Demo Wallet', approvedMinor: 5900, receiptNumber: 'TILL0001-000041',
  walletReference: 'DW5EED0000', slipLines: ['Demo Wallet', 'Ref DW5EED0000'], outcome: { httpStatus: 201 },
  advice: {
    kind: 'confirmation', state: 'delivered', adviceId: newUuid(), queuedAt: new Date(TWO_DAYS_AGO + 1000).toISOString(),
    attempts: 1, finishedAt: new Date(TWO_DAYS_AGO + 2000).toISOString(), partnerOutcome: 'accepted', partnerStatus: '202',
    partnerFinishedAt: new Date(TWO_DAYS_AGO + 2500).toISOString(),
  },
};

let browser: Browser;
let web: TillWebStack;
let till: WatchedPage | undefined;

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  await till?.page.context().close();
}, {
  seed: async (dataDir) => {
    const store = await TillStore.open(dataDir);
    await store.transact((tx) => tx.put(PAST_SALE));
    await store.close();
  },
});

// Runs in the page; the test's TypeScript config has no DOM types.
const visibility = (element: unknown) =>
  (globalThis as unknown as { getComputedStyle(target: unknown): { visibility: string } }).getComputedStyle(element).visibility;

const PRINT_STUB = 'window.__printed = 0; window.print = () => { window.__printed += 1; };';

describe('History of another day', () => {
  it('goes to the previous day by keyboard, shows a sale in detail and reprints its slip', async () => {
    till = await openTill(browser, web.url);
    const { page } = till;
    await page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
    await page.keyboard.press('F3');
    await page.getByRole('heading', { name: /^Today's sales/ }).waitFor();
    // The heading shows before the day's sales have loaded: wait for the list's own answer.
    await page.getByText('No sales yet today.').waitFor();

    await page.getByRole('button', { name: /Previous day/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(`^Sales of ${PAST_DAY}`) }).waitFor();
    expect(await page.getByLabel('Day', { exact: true }).inputValue()).toBe(PAST_DAY);
    const totals = await page.getByRole('table', { name: 'Totals by partner' }).textContent();
    expect(totals?.replace(/\s/g, ' ')).toContain('Demo Wallet1R 59,00');

    await page.getByRole('button', { name: /^Details of the sale at/ }).press('Enter');
    const detail = page.getByRole('region', { name: 'Sale details' });
    await detail.waitFor();
    const text = (await detail.textContent()) ?? '';
    for (const expected of [PAST_SALE.tranId!, 'TILL0001-000041', 'DW5EED0000', 'Approved by Demo Wallet.', 'Accepted']) {
      expect(text).toContain(expected);
    }

    await screenshot(page, 'history-detail');
    await page.evaluate(PRINT_STUB);
    await detail.getByRole('button', { name: 'Reprint slip' }).press('Enter');
    expect(await page.evaluate('window.__printed')).toBe(1);
    // What the printer gets: the slip copy alone, with the basket, receipt number and wallet reference.
    await page.emulateMedia({ media: 'print' });
    const slip = page.getByRole('complementary', { name: 'Slip copy' });
    expect(await slip.evaluate(visibility)).toBe('visible');
    expect(await page.locator('#sale-detail-heading').evaluate(visibility)).toBe('hidden');
    const printed = ((await slip.textContent()) ?? '').replace(/\s/g, ' ');
    for (const expected of ['COPY — REPRINTED', 'Receipt TILL0001-000041', '2 × Bread', '1 × Jam', 'Wallet ref DW5EED0000']) {
      expect(printed).toContain(expected);
    }
    await page.emulateMedia({ media: 'screen' });

    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Today$/ }).press('Enter');
    await page.getByRole('heading', { name: /^Today's sales/ }).waitFor();
    expect(till.problems).toEqual([]);
  });
});
