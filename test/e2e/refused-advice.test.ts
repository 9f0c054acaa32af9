import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import type { SaleView } from '../../electron/preload/bridge-types.js';
import { describe, expect, it } from 'vitest';
import { until } from '../support/flows.js';
import { openTill, type WatchedPage } from './support/browser.js';
import { reservationOf, scanAtPartner } from './support/partner-control.js';
import { screenshot } from './support/screenshots.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// The Demo Wallet refuses the confirmation the hub forwards (400): the hub had answered the till 202, so only the
// hub's timeline tells the till. The cashier and the supervisor must see the sale as refused and to be reconciled.

let browser: Browser;
let web: TillWebStack;
let till: WatchedPage | undefined;

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  await till?.page.context().close();
  web.stack.partner.reset();
});

/** Types the amount, charges, has the Demo Wallet scan the code, and waits for Approved; the sale as the till has it. */
async function approvedSale(page: Page, amount: string): Promise<SaleView> {
  await page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await page.getByRole('img', { name: 'Payment QR code' }).waitFor();
  const snapshot = await web.engine.snapshot();
  const current = snapshot.ok ? snapshot.value.current : undefined;
  if (!current?.qrPayload) throw new Error(`no sale with a QR code on screen: ${JSON.stringify(snapshot)}`);
  expect((await scanAtPartner(web.stack, current.qrPayload)).status).toBe(202);
  await page.getByRole('heading', { name: /^Approved/ }).waitFor();
  return current;
}

describe('a confirmation the wallet provider refuses', () => {
  it('shows at the till as refused and to reconcile: status bar, History, detail and CSV', async () => {
    web.stack.partner.setBehaviour({ confirm: { mode: 'decline', errorType: 'GENERAL_ERROR' } });
    till = await openTill(browser, web.url);
    const { page } = till;
    const current = await approvedSale(page, '88.00');
    await page.keyboard.press('Enter'); // New sale: the held confirmation goes to the hub

    const footer = page.getByRole('contentinfo');
    await footer.getByText('1 sale refused by the wallet provider — to reconcile (see History)').waitFor();
    expect(await footer.getByRole('alert').count()).toBe(1);
    expect(await footer.getByText('All advices sent').count()).toBe(1);
    expect(reservationOf(web.stack, current.tranId!)?.state).toBe('reserved');

    await page.keyboard.press('F3');
    const table = page.getByRole('table', { name: 'Sales, newest first' });
    const row = table.getByRole('row').filter({ hasText: 'To reconcile' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Confirmation refused by the wallet');
    expect(await page.getByRole('table', { name: 'Totals by partner' }).count()).toBe(0);
    expect(await page.getByText('No approved sales yet.').count()).toBe(1);

    await row.getByRole('button', { name: /^Details/ }).press('Enter');
    const detail = page.getByRole('region', { name: 'Sale details' });
    await detail.waitFor();
    expect(await detail.textContent()).toContain(current.tranId!);
    expect(await detail.getByRole('alert').textContent()).toContain('wallet provider refused the confirmation');
    expect(await detail.textContent()).toContain('Refused (answer 400) — reconcile this sale');
    await screenshot(page, 'history-refused');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = (await readFile((await download.path())!, 'utf8')).split('\r\n');
    const header = csv[0]!.split(',');
    const line = csv.find((text) => text.includes(current.saleId))!.split(',');
    const fields = Object.fromEntries(header.map((name, index) => [name, line[index]]));
    expect(fields).toMatchObject({
      tranId: current.tranId, terminalId: 'TILL0001', phase: 'approved', adviceKind: 'confirmation',
      adviceDelivery: 'delivered', partnerOutcome: 'refused', reconcile: 'yes',
    });
    expect(fields.walletReference).toMatch(/^DW[0-9A-F]+$/);
    await until(async () => (await page.getByText('Exported').count()) > 0, 'the export notice');
    expect(till.problems).toEqual([]);
  });

  it('a void whose reversal the wallet provider refuses: the Result screen says to check the sale, offers no Try again', async () => {
    web.stack.partner.setBehaviour({ reverse: { mode: 'decline', errorType: 'GENERAL_ERROR' } });
    till = await openTill(browser, web.url);
    const { page } = till;
    const current = await approvedSale(page, '42.50');
    await page.getByRole('button', { name: 'Void' }).click();
    await page.getByRole('button', { name: 'Void sale' }).click();

    // The hub takes the reversal (202) before the wallet provider refuses it: never "was returned" on the way.
    const heading = page.getByRole('heading', { level: 1 });
    await page.getByRole('heading', { name: 'Voided — check this sale' }).waitFor();
    expect(await page.getByText(/wallet provider refused the reversal/).count()).toBe(1);
    expect(await page.getByText(/Do not hand over the goods/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await heading.textContent()).not.toMatch(/was returned/);
    expect(reservationOf(web.stack, current.tranId!)?.state).toBe('reserved');
    // Counted with the refused confirmation of the test before (the same till).
    await page.getByRole('contentinfo').getByText(/\d+ sales? refused by the wallet provider — to reconcile/).waitFor();
    expect(till.problems).toEqual([]);
  });
});
