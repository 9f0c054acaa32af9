import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseQrPayload } from '../../protocol/qr.js';
import { hubQueueSettled, until } from '../support/flows.js';
import { AUTH } from '../support/stack.js';
import { PROVIDER_ID } from '../support/stack-config.js';
import { openTill, type WatchedPage } from './support/browser.js';
import { reservationOf, scanAtPartner } from './support/partner-control.js';
import { decodeQrFromPng } from './support/qr-screenshot.js';
import { useTillInChromium, type TillWebStack } from './support/till-web-stack.js';

// What the cashier sees when a sale is cancelled or the hub is away, and proof that no advice is lost meanwhile.

let browser: Browser;
let web: TillWebStack;
let till: WatchedPage;

useTillInChromium((chromium, stack) => {
  browser = chromium;
  web = stack;
}, async () => {
  await till?.page.context().close();
  await web.stack.startHub();
  web.stack.partner.setBehaviour({ pay: { mode: 'approve' } });
});

async function charge(amountText: string): Promise<string> {
  till = await openTill(browser, web.url);
  const amount = till.page.getByRole('textbox', { name: 'Amount', exact: true });
  await amount.fill(amountText);
  await amount.press('Enter');
  await till.page.getByRole('img', { name: 'Payment QR code' }).waitFor();
  const payload = decodeQrFromPng(await till.page.screenshot());
  expect(payload).toBeDefined();
  return payload!;
}

async function approvedSale(amountText: string): Promise<string> {
  const payload = await charge(amountText);
  await scanAtPartner(web.stack, payload);
  await till.page.getByRole('heading', { name: /^Approved/ }).waitFor();
  return parseQrPayload(payload, PROVIDER_ID).tranId;
}

/** The till's outbox is empty and the hub's queue holds nothing for this sale: what was sent can now be counted. */
async function advicesSettled(tranId: string): Promise<void> {
  await till.page.getByText(/1 advice/i).first().waitFor({ state: 'detached' });
  await hubQueueSettled(web.stack, tranId);
}

const confirmationsAtPartner = (tranId: string) => web.stack.partner.requests()
  .filter((message) => message.operation === 'confirm' && (message.body as { tranId?: string }).tranId === tranId);

async function hubTimeline(tranId: string): Promise<{ type: string; at: string; detail?: Record<string, unknown> }[]> {
  const answer = await web.stack.get(`/hub/v1/transactions/${tranId}`, AUTH.admin);
  return (answer.body as { events: { type: string; at: string; detail?: Record<string, unknown> }[] }).events;
}

describe('cancel and outages in browser mode', () => {
  it('cancels on Escape while the customer approves; the reversal reaches the hub before the partner answers, and the partner releases', async () => {
    web.stack.partner.setBehaviour({ pay: { mode: 'approve', delayMs: 3_000, times: 1 } });
    const payload = await charge('20');
    const tranId = parseQrPayload(payload, PROVIDER_ID).tranId;
    await scanAtPartner(web.stack, payload);
    await till.page.getByText(/Scanned with Demo Wallet/).waitFor();

    await till.page.keyboard.press('Escape');
    await till.page.getByRole('heading', { name: /^Cancelled — the payment (is being|was) reversed$/ }).waitFor();
    await until(async () => (await hubTimeline(tranId)).some((event) => event.type === 'advice.received'), 'the reversal at the hub');
    const reversal = (await hubTimeline(tranId)).find((event) => event.type === 'advice.received')!;
    expect(reversal.detail).toMatchObject({ kind: 'reversal', reason: 'CANCELLED' });

    await until(() => reservationOf(web.stack, tranId)?.state === 'released', 'the reservation released', 2_000);
    // Order, not speed (npm run bench:till measures that): the till's reversal reached the hub while the partner was
    // still deciding, so the hub reversed upstream as soon as the partner approved.
    const order = (await hubTimeline(tranId)).map((event) => event.type)
      .filter((type) => ['advice.received', 'payment.approved', 'advice.queued'].includes(type));
    expect(order).toEqual(['advice.received', 'payment.approved', 'advice.queued']);
    expect(web.stack.partner.ledger.snapshot().counters.confirm.received).toBe(0);
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await till.page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
    expect(till.problems).toEqual([]);
  });

  it('says plainly that no payment was taken when the hub is down, and keeps the approved sale\'s confirmation until it is back', async () => {
    await web.stack.stopHub();
    till = await openTill(browser, web.url);
    const amount = till.page.getByRole('textbox', { name: 'Amount', exact: true });
    await amount.fill('15');
    await amount.press('Enter');
    await till.page.getByRole('heading', { name: 'Not paid — the payment service could not be reached' }).waitFor();
    await till.page.getByText(/No payment was taken/i).first().waitFor();
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await till.page.context().close();

    await web.stack.startHub();
    const tranId = await approvedSale('31,20');
    await web.stack.stopHub();
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await till.page.getByText(/1 advice/i).first().waitFor();
    expect(reservationOf(web.stack, tranId)?.state).toBe('reserved');

    await web.stack.startHub();
    await until(() => reservationOf(web.stack, tranId)?.state === 'captured', 'the confirmation delivered after the outage');
    await advicesSettled(tranId);
    expect(confirmationsAtPartner(tranId)).toHaveLength(1);
    expect(till.problems).toEqual([]);
  });

  it('keeps a queued confirmation through a restart of the till service and delivers it exactly once', async () => {
    const tranId = await approvedSale('8.75');
    await web.stack.stopHub();
    await till.page.getByRole('button', { name: 'New sale' }).press('Enter');
    await till.page.getByText(/1 advice/i).first().waitFor();
    await till.page.context().close();

    await web.restartTill();
    till = await openTill(browser, web.url);
    await till.page.getByText(/1 advice/i).first().waitFor();
    const before = web.stack.partner.ledger.snapshot().counters.confirm;

    await web.stack.startHub();
    await until(() => reservationOf(web.stack, tranId)?.state === 'captured', 'the confirmation delivered after the restart');
    await advicesSettled(tranId);
    const after = web.stack.partner.ledger.snapshot().counters.confirm;
    expect(after.applied - before.applied).toBe(1);
    expect(confirmationsAtPartner(tranId)).toHaveLength(1);
    expect(till.problems).toEqual([]);
  });
});
