import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/logger.js';
import type { SaleView, SettingsInput, TillEvent } from '../../../electron/preload/bridge-types.js';
import { csvCell, historyView, localDay, partnerTotals, salesCsv } from '../../../electron/pos/history.js';
import type { TillSettings } from '../../../electron/pos/settings.js';
import { openTillEngine } from '../../../electron/pos/till-engine.js';
import {
  createQrCodeRequest, localeCountry, paymentConfirmation, paymentRequest, paymentReversal,
} from '../../../electron/pos/till-messages.js';
import { newUuid } from '../../../protocol/index.js';
import { until } from '../../support/flows.js';
import { freePort } from '../../support/ports.js';
import { expectSchemaValid } from '../../support/openapi.js';
import { tillSettings, value } from './till-support.js';

const settings = tillSettings('http://127.0.0.1:9');

function view(overrides: Partial<SaleView>): SaleView {
  const at = new Date().toISOString();
  return { saleId: newUuid(), startedAt: at, updatedAt: at, amountMinor: 1000, currency: 'ZAR', phase: 'approved', ...overrides };
}

describe('history', () => {
  it("shows today's sales newest first, with totals per partner over approved sales only", () => {
    const now = Date.now();
    const iso = (offset: number) => new Date(now - offset).toISOString();
    const sales = [
      view({ startedAt: iso(3000), partnerName: 'Demo Wallet', approvedMinor: 900 }),
      view({ startedAt: iso(2000), partnerName: 'Demo Wallet' }),
      view({ startedAt: iso(1000), partnerName: 'Acme Pay', amountMinor: 250 }),
      view({ startedAt: iso(500), phase: 'voided', partnerName: 'Acme Pay' }),
      view({ startedAt: iso(400), phase: 'declined' }),
      view({ startedAt: iso(300), partnerName: 'Acme Pay', advice: { kind: 'confirmation', delivery: 'rejected', attempts: 1, queuedAt: iso(300) } }),
      view({ startedAt: new Date(now - 86_400_000 * 2).toISOString(), partnerName: 'Demo Wallet' }),
    ];
    const history = historyView(sales, 'ZAR', now);
    expect(history.day).toBe(localDay(now));
    expect(history.sales.map((sale) => sale.startedAt)).toEqual([iso(300), iso(400), iso(500), iso(1000), iso(2000), iso(3000)]);
    expect(history.totals).toEqual([
      { partnerName: 'Acme Pay', count: 1, amountMinor: 250 },
      { partnerName: 'Demo Wallet', count: 2, amountMinor: 1900 },
    ]);
    expect(partnerTotals([])).toEqual([]);
  });

  it('CSV: RFC 4180 quoting, formula cells defused, decimal amounts, dated file name', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const lead of ['+', '-', '@']) expect(csvCell(`${lead}1`)).toBe(`'${lead}1`);

    const history = historyView([
      view({ saleId: 'a', tranId: 't1', amountMinor: 123456, partnerName: '=cmd|calc', advice: { kind: 'confirmation', delivery: 'delivered', attempts: 1, queuedAt: 'x' } }),
      view({ saleId: 'b', amountMinor: 5, phase: 'declined', outcome: { errorType: 'INSUFFICIENT_FUNDS' }, currency: 'JPY' }),
    ], 'ZAR', Date.now());
    const csv = salesCsv(history, 'TILL0001');
    expect(csv.filename).toBe(`qr-till-${history.day}.csv`);
    expect(csv.filename).toMatch(/^qr-till-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.csv.split('\r\n');
    expect(lines[0]).toBe('time,saleId,receiptNumber,terminalId,tranId,walletReference,amount,currency,phase,partner,'
      + 'errorType,adviceKind,adviceDelivery,partnerOutcome,reconcile');
    expect(lines.at(-1)).toBe('');
    expect(lines).toContainEqual(expect.stringMatching(/,a,,TILL0001,t1,,1234\.56,ZAR,approved,'=cmd\|calc,,confirmation,delivered,,$/));
    expect(lines).toContainEqual(expect.stringMatching(/,b,,TILL0001,,,5,JPY,declined,,INSUFFICIENT_FUNDS,,,,$/));
  });
});

describe('messages the till sends', () => {
  it('are valid against docs/openapi.yaml, with the till identified as the spec requires', () => {
    const now = Date.now();
    const qr = createQrCodeRequest(settings, 2599, now);
    expectSchemaValid('CreateQrCodeRequest', qr);
    expect(qr).toMatchObject({
      client: { id: 'till-01', name: 'QR Till' },
      originator: { institution: { id: 'qrtill', name: 'QR Till' }, terminalId: 'TILL0001',
        merchant: { merchantId: '123456789012345', merchantType: '5411',
          merchantName: { name: 'Corner Grocer', city: 'Cape Town', region: '', country: 'ZA' } } },
      amounts: { requestAmount: { amount: 2599, currency: '710' } },
      qrProperties: { value: { amount: 2599, currency: '710' } },
    });

    const saleId = newUuid();
    const pay = paymentRequest(settings, { saleId, amountMinor: 2599 }, 'f82d7f64feea4f2ab24da94aaf5c2941', now);
    expectSchemaValid('PaymentRequest', pay);
    expect(pay.thirdPartyIdentifiers).toEqual([{ institutionId: 'qrtill', transactionIdentifier: saleId }]);
    expect(pay.id).not.toBe(qr.id);

    const response = {
      partner: { id: 'demo-wallet', name: 'Demo Wallet' },
      thirdPartyIdentifiers: [...pay.thirdPartyIdentifiers, { institutionId: 'qrhub', transactionIdentifier: 'h1' }],
      approvedAmount: { amount: 2500, currency: '710' },
    };
    const confirmation = paymentConfirmation(pay, response, now);
    expectSchemaValid('PaymentConfirmation', confirmation);
    expect(confirmation).toMatchObject({
      requestId: pay.id, tranId: pay.tranId, partner: response.partner, thirdPartyIdentifiers: response.thirdPartyIdentifiers,
      amounts: { approvedAmount: { amount: 2500, currency: '710' } },
    });
    const full = paymentConfirmation(pay, { ...response, approvedAmount: undefined }, now);
    expect(full.amounts).toBeUndefined();

    const reversal = paymentReversal(pay, undefined, 'TIMEOUT', now);
    expectSchemaValid('PaymentReversal', reversal);
    expect(reversal).toMatchObject({ requestId: pay.id, tranId: pay.tranId, thirdPartyIdentifiers: pay.thirdPartyIdentifiers, reversalReason: 'TIMEOUT' });
    expect(reversal.partner).toBeUndefined();
    expect(reversal.amounts).toBeUndefined();
    expect(new Set([qr.id, pay.id, confirmation.id, reversal.id]).size).toBe(4);
  });

  it('take the country from the locale region only when it is a 2-letter code', () => {
    expect(localeCountry('en-ZA')).toBe('ZA');
    expect(localeCountry('en')).toBe('');
    expect(localeCountry('es-419')).toBe('');
  });
});

describe('settings and status', () => {
  it('saveSettings persists, emits settings and status, keeps the password for the same hub, never exposes it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-settings-'));
    const saved: TillSettings[] = [];
    const down = `http://127.0.0.1:${await freePort()}`;
    const engine = await openTillEngine({
      dataDir, settings: tillSettings(down), logger: createLogger({ level: 'silent' }),
      persistSettings: async (next) => {
        saved.push(next);
      },
    });
    try {
      const events: TillEvent[] = [];
      engine.subscribe((event) => events.push(event));
      await until(async () => value(await engine.snapshot()).status.hub.state === 'unreachable', 'first health check');
      const statusEvents = () => events.filter((event) => event.type === 'status').length;
      const before = statusEvents();
      const { passwordSet, demoMode: _demo, ...current } = value(await engine.snapshot()).settings;
      expect(passwordSet).toBe(true);
      const kept = value(await engine.saveSettings({ ...current, merchantName: 'Corner Grocer 2', password: '' }));
      expect(kept).toMatchObject({ merchantName: 'Corner Grocer 2', passwordSet: true });
      expect(saved[0]!.password).toBe('till-01-secret');
      const input: SettingsInput = { ...current, merchantName: 'Corner Grocer 2', hubUrl: 'http://127.0.0.1:10', password: 'new-secret' };
      const view = value(await engine.saveSettings(input));
      expect(view).toMatchObject({ merchantName: 'Corner Grocer 2', hubUrl: 'http://127.0.0.1:10', passwordSet: true });
      expect(JSON.stringify(view)).not.toContain('new-secret');
      expect(saved).toHaveLength(2);
      expect(saved[1]!.password).toBe('new-secret');
      expect(events).toContainEqual({ type: 'settings', settings: view });
      expect(events).toContainEqual({ type: 'status', status: expect.objectContaining({ hub: expect.objectContaining({ url: 'http://127.0.0.1:10' }) }) });
      expect(statusEvents()).toBeGreaterThan(before);

      engine.setServices({ hub: 'running', partner: 'starting' });
      expect(value(await engine.snapshot()).status.services).toEqual({ hub: 'running', partner: 'starting' });
      const count = statusEvents();
      engine.setServices({ hub: 'running', partner: 'starting' });
      expect(statusEvents()).toBe(count);
    } finally {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(await engine.snapshot()).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
  });

  it('a failing persistSettings leaves the settings unchanged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-settings-'));
    const engine = await openTillEngine({
      dataDir, settings, logger: createLogger({ level: 'silent' }),
      persistSettings: () => Promise.reject(new Error('disk full')),
    });
    try {
      const { passwordSet: _set, demoMode: _demo, ...current } = value(await engine.snapshot()).settings;
      expect(await engine.saveSettings({ ...current, merchantName: 'Other' })).toMatchObject({ ok: false, code: 'INTERNAL' });
      expect(value(await engine.snapshot()).settings.merchantName).toBe('Corner Grocer');
    } finally {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
