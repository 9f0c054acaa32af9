// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { deferred, FakeBridge, ok, QR_PAYLOAD, SALE_ID, saleFixture, settingsFixture } from './fake-bridge';
import type { BridgeResult, SaleView } from '../../electron/preload/bridge-types';
import { renderApp, renderSaleScreen } from './render-app';

async function startCharge(bridge = new FakeBridge()) {
  const rendered = await renderSaleScreen(bridge);
  await rendered.user.type(rendered.amount, '123,45{Enter}');
  return rendered;
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** The Charge screen's own live status line (the status bar has live regions too). */
function chargeStatus(): HTMLElement {
  return within(screen.getByRole('region', { name: 'Scan to pay' })).getByRole('status');
}

describe('Charge screen', () => {
  test('shows the QR code as an SVG image, the amount, the merchant and the live status', async () => {
    await startCharge();
    const qr = await screen.findByRole('img', { name: 'Payment QR code' });
    const svg = decodeURIComponent(qr.getAttribute('src')!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toMatch(/<path [^>]*d="M[^"]{200,}"/);
    expect(Number(qr.getAttribute('width'))).toBeGreaterThanOrEqual(320);
    expect(screen.getByText(/R\s123,45/)).toBeTruthy();
    expect(screen.getByText('Corner Grocer', { selector: '.charge-merchant' })).toBeTruthy();
    expect(chargeStatus().textContent).toBe('Waiting for the customer to scan');
  });

  test('follows the sale: a scan shows the partner and that approval is awaited', async () => {
    const { bridge } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ phase: 'awaiting-approval', partnerName: 'Demo Wallet' }) }));
    const status = screen.getByText('Scanned with Demo Wallet — waiting for approval');
    expect(status.getAttribute('aria-live')).toBe('polite');
  });

  test('counts down to the scan deadline', async () => {
    const bridge = new FakeBridge().respond('charge', (input) => ok(saleFixture({
      amountMinor: input.amountMinor,
      scanDeadline: new Date(Date.now() + 42_400).toISOString(),
    })));
    await startCharge(bridge);
    expect(await screen.findByText('0:43')).toBeTruthy();
  });

  test('shows "Requesting QR code…" until the QR is ready', async () => {
    const answer = deferred<BridgeResult<SaleView>>();
    const bridge = new FakeBridge().respond('charge', () => answer.promise);
    await startCharge(bridge);
    expect(chargeStatus().textContent).toBe('Requesting QR code…');
    expect(screen.queryByRole('img', { name: 'Payment QR code' })).toBeNull();
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ phase: 'creating-qr', qrPayload: undefined }) }));
    expect(chargeStatus().textContent).toBe('Requesting QR code…');
    await act(async () => answer.resolve(ok(saleFixture())));
    expect(await screen.findByRole('img', { name: 'Payment QR code' })).toBeTruthy();
  });

  test('Escape cancels at once, without a confirmation, and the result says no payment was taken', async () => {
    const { user, bridge } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    await user.keyboard('{Escape}');
    expect(bridge.callsOf('cancel')).toEqual([SALE_ID]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Cancelled — no payment was taken' })).toBeTruthy();
  });

  test('Escape works wherever focus is on the screen, including on the Cancel button', async () => {
    const { user, bridge } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    screen.getByRole('button', { name: 'Cancel' }).focus();
    await user.keyboard('{Escape}');
    expect(bridge.callsOf('cancel')).toEqual([SALE_ID]);
  });

  test('the Cancel button cancels the sale', async () => {
    const { user, bridge } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge.callsOf('cancel')).toEqual([SALE_ID]);
  });

  test('Escape while the QR is still being requested cancels as soon as the sale has an id', async () => {
    const answer = deferred<BridgeResult<SaleView>>();
    const bridge = new FakeBridge().respond('charge', () => answer.promise);
    const { user } = await startCharge(bridge);
    await user.keyboard('{Escape}');
    expect(bridge.callsOf('cancel')).toEqual([]);
    expect(chargeStatus().textContent).toBe('Cancelling…');
    await act(async () => answer.resolve(ok(saleFixture())));
    expect(bridge.callsOf('cancel')).toEqual([SALE_ID]);
  });

  test('a refused cancel is shown in plain words', async () => {
    const bridge = new FakeBridge().respond('cancel', () => ({ ok: false, code: 'NOT_ALLOWED', message: 'The sale is already approved.' }));
    const { user } = await startCharge(bridge);
    await screen.findByRole('img', { name: 'Payment QR code' });
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Could not cancel: The sale is already approved.')).toBeTruthy();
  });

  test('navigation is disabled while the charge is in progress', async () => {
    const { user } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    const nav = screen.getByRole('navigation', { name: 'Screens' });
    for (const button of within(nav).getAllByRole('button')) expect((button as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{F3}');
    expect(screen.queryByRole('heading', { name: /Today's sales/ })).toBeNull();
    expect(screen.getByRole('img', { name: 'Payment QR code' })).toBeTruthy();
  });

  test('demo mode shows the payload, copies it, and names the partner scan command', async () => {
    const bridge = new FakeBridge({ settings: settingsFixture({ demoMode: true }) });
    const { user } = await startCharge(bridge);
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(screen.getByText(QR_PAYLOAD, { selector: 'code' })).toBeTruthy();
    expect(screen.getByText('npm run partner -- scan <payload>')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy payload' }));
    // user-event puts an in-memory clipboard on navigator.
    expect(await navigator.clipboard.readText()).toBe(QR_PAYLOAD);
    expect(await screen.findByText('Payload copied')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy command' }));
    expect(await navigator.clipboard.readText()).toBe(`npm run partner -- scan ${QR_PAYLOAD}`);
  });

  test('when the clipboard refuses, the payload is left selected with a hint to press Ctrl+C', async () => {
    const bridge = new FakeBridge({ settings: settingsFixture({ demoMode: true }) });
    const { user } = await startCharge(bridge);
    await screen.findByRole('img', { name: 'Payment QR code' });
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    // jsdom has no execCommand; the till must cope with that too.
    await user.click(screen.getByRole('button', { name: 'Copy payload' }));
    expect(await screen.findByText('Copy failed — the payload is selected: press Ctrl+C')).toBeTruthy();
    expect(window.getSelection()?.toString()).toBe(QR_PAYLOAD);
  });

  test('without demo mode there is no payload text', async () => {
    await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    expect(screen.queryByRole('button', { name: 'Copy payload' })).toBeNull();
    expect(screen.queryByText(QR_PAYLOAD)).toBeNull();
  });

  test('a sale in progress at start-up resumes on the Charge screen', async () => {
    const bridge = new FakeBridge({ current: saleFixture({ phase: 'awaiting-approval', partnerName: 'Demo Wallet' }) });
    renderApp(bridge);
    expect(await screen.findByText('Scanned with Demo Wallet — waiting for approval')).toBeTruthy();
    expect(await screen.findByRole('img', { name: 'Payment QR code' })).toBeTruthy();
  });

  test('the sale ending while on screen shows its result', async () => {
    const { bridge } = await startCharge();
    await screen.findByRole('img', { name: 'Payment QR code' });
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ phase: 'approved', partnerName: 'Demo Wallet', approvedMinor: 12345 }) }));
    expect(screen.getByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });
});
