import { describe, expect, it } from 'vitest';
import { until } from '../../support/flows.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { expectSchemaValid } from '../../support/openapi.js';
import {
  approvedSale, chargeAndHold, hubTransaction, openTill, reservationOf, scan, value, waitForSale, type Till,
} from './till-support.js';

// The cashier's cancel while waiting (docs/protocol.md §6.7) and void after approval (§6.9), against the real hub and partner.

let stack: Stack;
let till: Till | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  till = undefined;
});

function reversalsLogged(t: Till) {
  return t.logged('sending advice').filter((line) => line.kind === 'reversal');
}

describe('cancel', () => {
  it('while awaiting the scan: CANCELLED reversal leaves at once; the hub cancels; a late scan is refused', async () => {
    // The till's clock stands still: a reversal that waited for any time to pass on it (a retry gap, a tick) would
    // never leave. Its speed is measured by npm run bench:till.
    const frozenAt = Date.now();
    till = await openTill(stack.hub.url, {}, undefined, { now: () => frozenAt });
    const charged = await chargeAndHold(stack, till.engine);
    const cancelled = value(await till.engine.cancel(charged.saleId));
    expect(cancelled).toMatchObject({
      phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false }, advice: { kind: 'reversal', reversalReason: 'CANCELLED' },
    });
    const t = till;
    await until(() => reversalsLogged(t).length === 1, 'the reversal to leave');
    expect(reversalsLogged(t)[0]).toMatchObject({ attempt: 1, saleId: charged.saleId });

    await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    await until(async () => (await hubTransaction(stack, charged.tranId!)).state === 'CANCELLED', 'hub cancelled');
    // The reversal reached the hub while it still held the pay (before the scan window ended) and cancelled it.
    const events = (await hubTransaction(stack, charged.tranId!)).events.map((event) => event.type);
    expect(events.filter((type) => ['advice.received', 'payment.cancelled', 'payment.expired'].includes(type)))
      .toEqual(['advice.received', 'payment.cancelled']);
    // The hub answered the open pay call 400 NO_SCAN_RECEIVED; the sale stays cancelled.
    await until(() => t.logged('pay answer ignored: the sale was already cancelled').length === 1, 'the late pay answer');
    expect((await waitForSale(till.engine, charged.saleId, () => true, 'sale')).phase).toBe('cancelled');
    const late = await stack.partner.scan({ qrPayload: charged.qrPayload! });
    expect(late.status).toBe(400);
    expect(stack.partner.requests()).toEqual([]);
  });

  it('while awaiting approval (partner slow): the partner reservation is released, the late 201 changes nothing', async () => {
    till = await openTill(stack.hub.url);
    stack.partner.setBehaviour({ pay: { mode: 'approve', delayMs: 800 } });
    const charged = await chargeAndHold(stack, till.engine);
    await scan(stack, charged);
    const waiting = await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'awaiting-approval', 'scan accepted');
    expect(waiting.partnerName).toBe('Demo Wallet');
    expect(till.events).toContainEqual({ type: 'sale', sale: expect.objectContaining({ phase: 'awaiting-approval', partnerName: 'Demo Wallet' }) });

    const cancelled = value(await till.engine.cancel(charged.saleId));
    expect(cancelled.advice).toMatchObject({ kind: 'reversal', reversalReason: 'CANCELLED' });
    await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    // The partner approves after its delay; the hub then reverses upstream and the partner releases the funds.
    await until(() => reservationOf(stack, charged.tranId!)?.state === 'released', 'the partner released', 1000);
    await until(async () => (await hubTransaction(stack, charged.tranId!)).state === 'REVERSED', 'hub reversed');
    const final = await waitForSale(till.engine, charged.saleId, () => true, 'sale');
    expect(final).toMatchObject({ phase: 'cancelled', outcome: { reason: 'cancelled', scanned: true } });
    expect(final.partnerName).toBe('Demo Wallet');
    expect(final.approvedMinor).toBeUndefined();
  });

  it('refuses a finished sale and an unknown one', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    expect(await till.engine.cancel(sale.saleId)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await till.engine.cancel(crypto.randomUUID())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await till.engine.voidSale(crypto.randomUUID())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await till.engine.dismiss(crypto.randomUUID())).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // Dismissing twice (a double tap on New sale) is harmless.
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
  });
});

describe('void', () => {
  it('after approval, while the confirmation is held: CANCELLED reversal replaces it; the partner releases', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine, 4321);
    const voided = value(await till.engine.voidSale(sale.saleId));
    expect(voided).toMatchObject({
      phase: 'voided', outcome: { reason: 'voided' }, advice: { kind: 'reversal', reversalReason: 'CANCELLED' },
    });
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    await until(() => reservationOf(stack, sale.tranId!)?.state === 'released', 'the partner released');
    const reverse = stack.partner.requests().find((message) => message.operation === 'reverse')!;
    expectSchemaValid('PaymentReversal', reverse.body);
    expect(stack.partner.requests().some((message) => message.operation === 'confirm')).toBe(false);
    // Voided sales are not in the partner totals; New sale then sends nothing more.
    expect(value(await till.engine.history()).totals).toEqual([]);
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    expect(value(await till.engine.snapshot()).status.outbox).toEqual({ pending: 0, rejected: 0, overdue: 0, partnerRefused: 0 });
  });

  it('once New sale has released the confirmation, and after the hub has it: NOT_ALLOWED, saying it was released', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    // Released only: the confirmation may still be on its way, so the message must not say the hub has it.
    const released = await till.engine.voidSale(sale.saleId);
    expect(released).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(!released.ok && released.message).toMatch(/already been released to the hub.*can no longer be voided at the till/);
    expect(!released.ok && released.message).not.toMatch(/confirmed/);

    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    await until(async () => (await hubTransaction(stack, sale.tranId!)).state === 'CONFIRMED', 'the hub has the confirmation');
    const delivered = await till.engine.voidSale(sale.saleId);
    expect(delivered).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(!delivered.ok && delivered.message).toMatch(/already been released to the hub/);
    await until(() => reservationOf(stack, sale.tranId!)?.state === 'captured', 'captured');
    expect(value(await till.engine.history()).totals).toEqual([{ partnerName: 'Demo Wallet', count: 1, amountMinor: 1234 }]);
  });
});
