import type { Browser, Page } from 'playwright-core';
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

// What the cashier reads after a cancel and a decline, Try again, the Void confirmation, and a status bar that does
// not vouch for what the page cannot know: Chromium, the till service in browser mode, the real hub and Demo Wallet.

let browser: Browser;
let web: TillWebStack;
let till: WatchedPage;

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  await till?.page.context().close();
  await web.startTill();
  await web.stack.startHub();
  web.stack.partner.setBehaviour({ pay: { mode: 'approve' } });
  // The next test starts on the Sale screen: New sale for whatever result this one left on screen.
  const snapshot = await web.engine.snapshot();
  const left = snapshot.ok ? snapshot.value.current : undefined;
  if (left) await web.engine.dismiss(left.saleId);
});

interface HubEvent { type: string; at: string; detail?: Record<string, unknown> }

async function hubTimeline(tranId: string): Promise<HubEvent[]> {
  const answer = await web.stack.get(`/hub/v1/transactions/${tranId}`, AUTH.admin);
  return (answer.body as { events: HubEvent[] }).events;
}

const advicesAtHub = async (tranId: string) => (await hubTimeline(tranId)).filter((event) => event.type === 'advice.received');

async function qrOnScreen(page: Page): Promise<{ payload: string; tranId: string }> {
  await page.getByRole('img', { name: 'Payment QR code' }).waitFor();
  const payload = decodeQrFromPng(await page.screenshot());
  expect(payload, 'QR decoded from a screenshot').toBeDefined();
  return { payload: payload!, tranId: parseQrPayload(payload!, PROVIDER_ID).tranId };
}

async function charge(amountText: string): Promise<{ payload: string; tranId: string }> {
  till = await openTill(browser, web.url);
  const amount = till.page.getByRole('textbox', { name: 'Amount', exact: true });
  await amount.fill(amountText);
  await amount.press('Enter');
  return qrOnScreen(till.page);
}

async function approvedSale(amountText: string): Promise<string> {
  const { payload, tranId } = await charge(amountText);
  await scanAtPartner(web.stack, payload);
  await till.page.getByRole('heading', { name: /^Approved/ }).waitFor();
  return tranId;
}

const footer = () => till.page.getByRole('contentinfo');

/** The status bar items shown with a green dot. */
async function greenItems(): Promise<string[]> {
  return footer().locator('.status-item:has(.dot--ok)').allTextContents();
}

describe('what the cashier reads, Try again and Void in browser mode', () => {
  it('says "Cancelled — no payment was taken" for a sale cancelled before any scan', async () => {
    const { tranId } = await charge('12,00');
    await till.page.keyboard.press('Escape');
    await till.page.getByRole('heading', { name: 'Cancelled — no payment was taken' }).waitFor();
    // The till still closes the code at the hub; the cashier reads that as a cancellation, not a reversal.
    await till.page.getByText('Cancellation delivered to the payment service.').waitFor();
    expect(await till.page.getByText(/revers|anything the customer paid/i).count()).toBe(0);
    expect((await advicesAtHub(tranId)).map((event) => event.detail)).toEqual([expect.objectContaining({ reason: 'CANCELLED' })]);
    expect(till.problems).toEqual([]);
  });

  it('says "Declined" for a partner\'s decline, with the partner\'s reason', async () => {
    web.stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'DECLINED_BY_PARTNER', times: 1 } });
    const { payload } = await charge('18,40');
    await scanAtPartner(web.stack, payload);
    await till.page.getByRole('heading', { name: 'Declined — no payment was taken' }).waitFor();
    await till.page.getByText(/The customer's wallet provider declined the payment/).waitFor();
    expect(till.problems).toEqual([]);
  });

  it('Try again, from the keyboard, charges the same amount and basket again with a new QR code', async () => {
    web.stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'INSUFFICIENT_FUNDS', times: 1 } });
    till = await openTill(browser, web.url);
    const { page } = till;
    for (const [description, quantity, price] of [['Bread', '2', '15,00'], ['Milk', '1', '22,50']] as const) {
      await page.getByRole('textbox', { name: 'Description' }).fill(description);
      await page.getByRole('textbox', { name: 'Quantity' }).fill(quantity);
      await page.getByRole('textbox', { name: 'Unit price' }).fill(price);
      await page.getByRole('button', { name: 'Add line' }).click();
    }
    await page.getByRole('button', { name: 'Charge' }).click();
    const first = await qrOnScreen(page);
    await scanAtPartner(web.stack, first.payload);
    await page.getByRole('heading', { name: /^Declined/ }).waitFor();

    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent?.trim()')).toBe('Try again');
    await page.keyboard.press('Enter');
    const second = await qrOnScreen(page);
    expect(second.tranId).not.toBe(first.tranId);
    expect(second.payload).not.toBe(first.payload);
    await scanAtPartner(web.stack, second.payload);
    await page.getByRole('heading', { name: /^Approved/ }).waitFor();

    const basket = [
      { description: 'Bread', quantity: 2, unitPriceMinor: 1500 },
      { description: 'Milk', quantity: 1, unitPriceMinor: 2250 },
    ];
    const snapshot = await web.engine.snapshot();
    expect(snapshot.ok && snapshot.value.current).toMatchObject({ phase: 'approved', tranId: second.tranId, amountMinor: 5250, basket });
    const history = await web.engine.history();
    const sales = history.ok ? history.value.sales : [];
    expect(sales.find((sale) => sale.tranId === first.tranId)).toMatchObject({ phase: 'declined', amountMinor: 5250, basket });
    expect(reservationOf(web.stack, second.tranId)).toMatchObject({ amount: 5250 });
    expect(till.problems).toEqual([]);
  });

  it('Void asks first: Escape keeps the sale approved and sends no reversal; confirming sends the CANCELLED reversal', async () => {
    const kept = await approvedSale('27,30');
    const voidButton = till.page.getByRole('button', { name: 'Void' });
    await voidButton.click();
    const dialog = till.page.getByRole('alertdialog', { name: 'Void this sale?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/R\s27,30/);
    expect(await dialog.textContent()).toContain('return the payment to the customer');
    await screenshot(till.page, 'void-confirmation');
    expect(await dialog.evaluate((node) => node.contains((node.ownerDocument as { activeElement: unknown }).activeElement as never))).toBe(true);
    await till.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await till.page.getByRole('heading', { name: /^Approved/ }).waitFor();
    // New sale releases the held confirmation: once the hub has it, the sale's advices are complete.
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await until(async () => (await advicesAtHub(kept)).length > 0, 'the confirmation at the hub');
    await until(() => reservationOf(web.stack, kept)?.state === 'captured', 'the capture at the partner');
    expect((await advicesAtHub(kept)).map((event) => event.detail?.kind)).toEqual(['confirmation']);
    await till.page.context().close();

    const voided = await approvedSale('9,95');
    await till.page.getByRole('button', { name: 'Void' }).click();
    await till.page.getByRole('alertdialog').getByRole('button', { name: 'Void sale' }).click();
    await till.page.getByRole('heading', { name: /^Voided — the payment (is being|was) returned to the customer$/ }).waitFor();
    await until(async () => (await advicesAtHub(voided)).length > 0, 'the reversal at the hub');
    expect((await advicesAtHub(voided)).map((event) => event.detail)).toEqual([
      expect.objectContaining({ kind: 'reversal', reason: 'CANCELLED' }),
    ]);
    await till.page.getByRole('heading', { name: 'Voided — the payment was returned to the customer' }).waitFor();
    expect(till.problems).toEqual([]);
  });

  it('with the hub stopped, the status bar shows neither a green Connected nor a green "All advices sent"', async () => {
    till = await openTill(browser, web.url);
    await footer().getByText('Connected to the remote hub').waitFor();
    await footer().getByText('All advices sent').waitFor();
    await web.stack.stopHub();
    await footer().getByText('The remote hub is unreachable').waitFor();
    await footer().getByText('No advices waiting').waitFor();
    expect(await footer().textContent()).not.toMatch(/Connected|All advices sent/);
    expect(await greenItems()).toEqual([]);

    await web.stack.startHub();
    await footer().getByText('All advices sent').waitFor();
    expect(till.problems).toEqual([]);
  });

  it('with the till service stopped, the status bar says it does not know, in neither green nor "Connected"', async () => {
    till = await openTill(browser, web.url);
    await footer().getByText('All advices sent').waitFor();
    await web.stopTill();
    await footer().getByText('Hub connection not known: the till service is not answering').waitFor();
    await footer().getByText('Advices waiting: not known until the till service answers').waitFor();
    expect(await footer().textContent()).not.toMatch(/Connected|All advices sent/);
    expect(await greenItems()).toEqual([]);

    await web.startTill();
    await footer().getByText('Connected to the remote hub').waitFor({ timeout: 20_000 });
    await footer().getByText('All advices sent').waitFor();
    expect(till.problems.filter((problem) => problem.startsWith('page error'))).toEqual([]);
  });
});
