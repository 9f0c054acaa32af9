import { describe, expect, it } from 'vitest';
import { until, upstreamSettled } from '../../support/flows.js';
import { freePort } from '../../support/ports.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { PASSWORDS } from '../../support/stack-config.js';
import { expectSchemaValid } from '../../support/openapi.js';
import {
  approvedSale, chargeAndHold, expectNoSecretsLogged, hubTransaction, openTill, reservationOf, saleOf, scan, value,
  waitForSale, type Till,
} from './till-support.js';

// Every status class of pay, through the real hub and the real demo partner (docs/protocol.md §4, §6).

let stack: Stack;
let till: Till | undefined;

useStack((started) => (stack = started), async () => {
  if (till) expectNoSecretsLogged(till.logs, [PASSWORDS.retailer]);
  await till?.close();
  till = undefined;
});

describe('pay outcomes', () => {
  it('201: approved with the partner, slip lines and a held confirmation; New sale releases it and the partner captures', async () => {
    till = await openTill(stack.hub.url);
    const charged = value(await till.engine.charge({ amountMinor: 2599 }));
    expect(charged).toMatchObject({ phase: 'awaiting-scan', amountMinor: 2599, currency: 'ZAR' });
    expect(charged.qrPayload).toMatch(/^000201/);
    expect(Date.parse(charged.scanDeadline!) - Date.parse(charged.startedAt)).toBeGreaterThan(4000);
    await stack.waitForState(charged.tranId!, 'AWAITING_SCAN');
    await scan(stack, charged);

    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'approved', 'approval');
    expect(sale).toMatchObject({
      partnerName: 'Demo Wallet', partnerId: 'demo-wallet', approvedMinor: 2599, outcome: { httpStatus: 201 },
      advice: { kind: 'confirmation', delivery: 'pending', attempts: 0 },
    });
    expect(sale.slipLines?.[0]).toBe('Demo Wallet');
    expect(value(await till.engine.snapshot()).current?.saleId).toBe(sale.saleId);
    expect(reservationOf(stack, charged.tranId!)?.state).toBe('reserved');

    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    const confirmed = await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    expect(confirmed.advice).toMatchObject({ kind: 'confirmation', attempts: 1 });
    await until(() => reservationOf(stack, charged.tranId!)?.state === 'captured', 'the partner captured');
    expect(value(await till.engine.snapshot()).current).toBeUndefined();
    expect(value(await till.engine.snapshot()).status.outbox).toEqual({ pending: 0, rejected: 0, overdue: 0, partnerRefused: 0 });

    // What the hub received from the till is what it relayed: the till's own thirdPartyIdentifiers entry is the sale id.
    const confirm = stack.partner.requests().find((message) => message.operation === 'confirm')!;
    expectSchemaValid('PaymentConfirmation', confirm.body);
    const pay = stack.partner.requests().find((message) => message.operation === 'pay')!;
    expect((pay.body as { thirdPartyIdentifiers: unknown[] }).thirdPartyIdentifiers)
      .toContainEqual({ institutionId: 'qrtill', transactionIdentifier: sale.saleId });
    expect((pay.body as { originator: unknown }).originator).toMatchObject({
      terminalId: 'TILL0001',
      merchant: { merchantName: { name: 'Corner Grocer', city: 'Cape Town', region: '', country: 'ZA' } },
    });

    // Events: the sale went through its phases; the QR was never shown before pay had left.
    const phases = till.events.flatMap((event) => (event.type === 'sale' ? [event.sale.phase] : []));
    expect(phases).toEqual(expect.arrayContaining(['creating-qr', 'awaiting-scan', 'approved']));
    expect(till.events.filter((event) => event.type === 'sale' && event.sale.phase === 'creating-qr')
      .every((event) => event.type === 'sale' && event.sale.qrPayload === undefined)).toBe(true);
    expect(till.events.some((event) => event.type === 'history-changed')).toBe(true);
  });

  it('201: the confirmation is released by itself after the grace period', async () => {
    till = await openTill(stack.hub.url, { outbox: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4, confirmAfterSeconds: 0.3 } });
    const sale = await approvedSale(stack, till.engine);
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    await until(() => reservationOf(stack, sale.tranId!)?.state === 'captured', 'the partner captured');
    // Still on screen: the grace period confirms, but only New sale dismisses.
    expect(value(await till.engine.snapshot()).current?.saleId).toBe(sale.saleId);
  });

  it('400 decline: declined with the partner errorType, nothing reversed', async () => {
    till = await openTill(stack.hub.url);
    stack.partner.setBehaviour({ pay: { mode: 'decline', errorType: 'INSUFFICIENT_FUNDS' } });
    const charged = await chargeAndHold(stack, till.engine);
    await scan(stack, charged);
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'declined', 'decline');
    expect(sale.outcome).toMatchObject({ errorType: 'INSUFFICIENT_FUNDS', httpStatus: 400 });
    expect(sale.advice).toBeUndefined();
    expect(value(await till.engine.snapshot()).status.outbox.pending).toBe(0);
  });

  it('400 NO_SCAN_RECEIVED when nobody scans within the scan window: declined, no reversal', async () => {
    till = await openTill(stack.hub.url);
    const charged = value(await till.engine.charge({ amountMinor: 500 }));
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'declined', 'the scan window to close', 1500);
    expect(sale.outcome).toMatchObject({ errorType: 'NO_SCAN_RECEIVED', httpStatus: 400 });
    expect(sale.advice).toBeUndefined();
    expect((await hubTransaction(stack, charged.tranId!)).state).toBe('FAILED');
  });

  it('504 from the hub (partner answered 500): outcome unknown, RESPONSE_NOT_FINAL reversal delivered', async () => {
    till = await openTill(stack.hub.url);
    stack.partner.setBehaviour({ pay: { mode: 'error', status: 500 } });
    const charged = await chargeAndHold(stack, till.engine);
    await scan(stack, charged);
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({
      phase: 'not-completed',
      outcome: { reason: 'outcome-unknown', httpStatus: 504, errorType: 'UPSTREAM_UNAVAILABLE' },
      advice: { kind: 'reversal', reversalReason: 'RESPONSE_NOT_FINAL', attempts: 1 },
    });
    const tran = await hubTransaction(stack, charged.tranId!);
    expect(tran.advices).toEqual([expect.objectContaining({ kind: 'reversal' })]);
    // The hub reversed upstream with one advice of its own (resent after the partner's 404 while the pay may still be
    // in flight, docs/protocol.md §8); the till's reversal adds nothing upstream.
    stack.partner.setBehaviour({ pay: { mode: 'approve' } });
    await upstreamSettled(stack, charged.tranId!);
    const reversals = stack.partner.requests().filter((message) => message.operation === 'reverse');
    expect(new Set(reversals.map((message) => (message.body as { id: string }).id)).size).toBe(1);
  });

  it('till-side timeout: outcome unknown, TIMEOUT reversal; the hub cancels the held payment', async () => {
    till = await openTill(stack.hub.url, { payTimeoutSeconds: 1 });
    const charged = await chargeAndHold(stack, till.engine);
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown', detail: 'timeout' },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT' },
    });
    expect((await hubTransaction(stack, charged.tranId!)).state).toBe('CANCELLED');
  });

  it('hub down: not completed, hub-unreachable, nothing to reverse; the status says unreachable', async () => {
    till = await openTill(`http://127.0.0.1:${await freePort()}`);
    const sale = value(await till.engine.charge({ amountMinor: 100 }));
    expect(sale).toMatchObject({ phase: 'not-completed', outcome: { reason: 'hub-unreachable', detail: 'ECONNREFUSED' } });
    expect(sale.advice).toBeUndefined();
    const engine = till.engine;
    await until(async () => value(await engine.snapshot()).status.hub.state === 'unreachable', 'unreachable');
    expect(till.events).toContainEqual(expect.objectContaining({ type: 'status' }));
  });

  it('one sale at a time: BUSY while waiting, settings too; free again once it ends', async () => {
    till = await openTill(stack.hub.url, { payTimeoutSeconds: 1 });
    const first = await chargeAndHold(stack, till.engine);
    expect(await till.engine.charge({ amountMinor: 1 })).toMatchObject({ ok: false, code: 'BUSY' });
    const { passwordSet: _set, demoMode: _demo, ...input } = value(await till.engine.snapshot()).settings;
    expect(await till.engine.saveSettings(input)).toMatchObject({ ok: false, code: 'BUSY' });
    expect(await till.engine.dismiss(first.saleId)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    await waitForSale(till.engine, first.saleId, (s) => s.phase === 'not-completed', 'timeout');
    const second = value(await till.engine.charge({ amountMinor: 2 }));
    expect(second.phase).toBe('awaiting-scan');
    // A new sale takes the finished one off the screen.
    expect((await saleOf(till.engine, first.saleId)).phase).toBe('not-completed');
    expect(value(await till.engine.snapshot()).current?.saleId).toBe(second.saleId);
    expect(value(await till.engine.cancel(second.saleId)).phase).toBe('cancelled');
  });
});
