// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { Root } from '../../renderer/Root';
import { FakeBridge, ok, refused, saleFixture } from './fake-bridge';
import { renderApp, renderSaleScreen } from './render-app';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('App', () => {
  test('shows a banner while the till service is unreachable and retries until it answers', async () => {
    const bridge = new FakeBridge();
    let failures = 2;
    bridge.respond('snapshot', () => (failures-- > 0 ? refused('UNAVAILABLE', 'The till service cannot be reached.') : ok(bridge.snapshotValue)));
    renderApp(bridge);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('The till service is not answering.');
    expect(banner.textContent).toContain('The till service cannot be reached.');
    expect(await screen.findByRole('textbox', { name: 'Amount' })).toBeTruthy();
    expect(bridge.callsOf('snapshot')).toHaveLength(3);
    expect(screen.queryByText('The till service is not answering.', { exact: false })).toBeNull();
  });

  test('re-reads the snapshot when the event stream reopens, and shows the sale it missed', async () => {
    const { bridge } = await renderSaleScreen();
    act(() => bridge.setStream('lost'));
    expect(screen.getByText('Live updates were interrupted.')).toBeTruthy();
    bridge.snapshotValue = { ...bridge.snapshotValue, current: saleFixture({ phase: 'declined', outcome: { errorType: 'NO_SCAN_RECEIVED' } }) };
    act(() => bridge.setStream('open'));
    expect(await screen.findByRole('heading', { name: /^Not paid/ })).toBeTruthy();
    expect(screen.queryByText('Live updates were interrupted.', { exact: false })).toBeNull();
  });

  test('F2/F3/F4 and Alt+1/2/3 move between Sale, History and Settings, and the keys are shown', async () => {
    const { user } = await renderSaleScreen();
    expect(screen.getByRole('button', { name: 'History F3' }).getAttribute('aria-keyshortcuts')).toBe('F3 Alt+2');
    await user.keyboard('{F3}');
    expect(await screen.findByRole('heading', { name: /^Today's sales/ })).toBeTruthy();
    await user.keyboard('{F4}');
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    await user.keyboard('{F2}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Amount' }));
    await user.keyboard('{Alt>}2{/Alt}');
    expect(await screen.findByRole('heading', { name: /^Today's sales/ })).toBeTruthy();
    await user.keyboard('{Alt>}3{/Alt}');
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    await user.keyboard('{Alt>}1{/Alt}');
    expect(screen.getByRole('textbox', { name: 'Amount' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sale F2' }).getAttribute('aria-current')).toBe('page');
  });

  test('the amount typed survives a visit to History', async () => {
    const { user, amount } = await renderSaleScreen();
    await user.type(amount, '12,5');
    await user.keyboard('{F3}');
    await user.keyboard('{F2}');
    expect((screen.getByRole('textbox', { name: 'Amount' }) as HTMLInputElement).value).toBe('12,5');
  });

  test('a finished sale at start-up opens on its result', async () => {
    renderApp(new FakeBridge({ current: saleFixture({ phase: 'approved', partnerName: 'Demo Wallet', approvedMinor: 12345 }) }));
    expect(await screen.findByRole('heading', { name: /^Approved/ })).toBeTruthy();
  });

  test('a sale started elsewhere takes the till to the Charge screen, even from History', async () => {
    const { user, bridge } = await renderSaleScreen();
    await user.keyboard('{F3}');
    await screen.findByRole('heading', { name: /^Today's sales/ });
    act(() => bridge.emit({ type: 'sale', sale: saleFixture() }));
    expect(await screen.findByRole('img', { name: 'Payment QR code' })).toBeTruthy();
  });

  test('the customer display (#/customer) shows only the sale: QR, amount and status', async () => {
    window.location.hash = '#/customer';
    const bridge = new FakeBridge();
    render(<Root bridge={bridge} />);
    expect(await screen.findByText('Welcome to Corner Grocer')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Amount' })).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ amountMinor: 4200 }) }));
    expect(await screen.findByRole('img', { name: 'Payment QR code' })).toBeTruthy();
    expect(screen.getByText(/R\s42,00/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Scan the code with your wallet app');
    act(() => bridge.emit({ type: 'sale', sale: saleFixture({ amountMinor: 4200, phase: 'approved', approvedMinor: 4200 }) }));
    expect(screen.getByRole('status').textContent).toBe('Payment approved — thank you!');
    expect(screen.queryByRole('img', { name: 'Payment QR code' })).toBeNull();
  });

  test('the hash decides between the till and the customer display', async () => {
    const bridge = new FakeBridge();
    render(<Root bridge={bridge} />);
    expect(await screen.findByRole('textbox', { name: 'Amount' })).toBeTruthy();
    act(() => {
      window.location.hash = '#/customer';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Amount' })).toBeNull());
    expect(screen.getByText('Welcome to Corner Grocer')).toBeTruthy();
  });
});
