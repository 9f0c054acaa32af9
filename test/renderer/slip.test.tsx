// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { FakeBridge, saleFixture } from './fake-bridge';
import { renderApp } from './render-app';

describe('Slip on the Result screen', () => {
  test('shows the basket lines, the receipt number and the wallet\'s reference', async () => {
    const bridge = new FakeBridge();
    bridge.snapshotValue = {
      ...bridge.snapshotValue,
      current: saleFixture({
        phase: 'approved', amountMinor: 5900, approvedMinor: 5900, partnerName: 'Demo Wallet',
        basket: [{ description: 'Bread', quantity: 2, unitPriceMinor: 1950 }, { description: 'Jam', quantity: 1, unitPriceMinor: 2000 }],
        receiptNumber: 'TILL0001-000007', walletReference: 'DW00FACE', terminalId: 'TILL0001',
        advice: { kind: 'confirmation', delivery: 'pending', attempts: 0, queuedAt: '2025-03-14T10:00:02.000Z' },
      }),
    };
    renderApp(bridge);
    const slip = await screen.findByRole('complementary', { name: 'Slip' });
    const text = (slip.textContent ?? '').replace(/\s/g, ' ');
    expect(text).toContain('Receipt TILL0001-000007');
    expect(text).toMatch(/2 × BreadR 39,00/);
    expect(text).toMatch(/1 × JamR 20,00/);
    expect(text).toContain('Wallet ref DW00FACE');
    expect(text).toContain('Terminal TILL0001');
    expect(text).not.toContain('REPRINTED');
  });
});

describe('Result screen: a confirmation the wallet provider refused', () => {
  test('does not say "delivered" but asks for a supervisor to reconcile', async () => {
    const bridge = new FakeBridge();
    bridge.snapshotValue = {
      ...bridge.snapshotValue,
      current: saleFixture({
        phase: 'approved', amountMinor: 5900, approvedMinor: 5900, partnerName: 'Demo Wallet',
        advice: { kind: 'confirmation', delivery: 'delivered', attempts: 1, queuedAt: '2025-03-14T10:00:02.000Z', partnerOutcome: 'refused', partnerStatus: '400' },
      }),
    };
    renderApp(bridge);
    expect(await screen.findByText(/wallet provider refused the confirmation\. Ask a supervisor to reconcile/)).toBeTruthy();
    expect(screen.queryByText(/Confirmation delivered/)).toBeNull();
  });
});
