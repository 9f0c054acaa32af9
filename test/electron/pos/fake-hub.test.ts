import { describe, expect, it } from 'vitest';
import { until } from '../../support/flows.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { expectSchemaValid } from '../../support/openapi.js';
import { duplicateRecord, startFakeHub, type FakeHub, type Injection, type SeenRequest } from './fake-hub.js';
import { hubTransaction, openTill, reservationOf, value, waitForSale, type Till } from './till-support.js';

// Answers the real hub cannot be made to give, injected by a pass-through in front of it; the rest of each flow is
// the real hub and the real demo partner.

let stack: Stack;
let fake: FakeHub | undefined;
let till: Till | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  await fake?.close();
  till = undefined;
  fake = undefined;
});

async function tillBehind(inject: (request: SeenRequest, nth: number) => Injection, overrides = {}): Promise<Till> {
  fake = await startFakeHub(stack.hub.url, inject);
  return openTill(fake.url, overrides);
}

const posts = (path: string) => fake!.seen.filter((request) => request.method === 'POST' && request.path === path)
  .map((request) => request.body as { id: string; tranId?: string });

describe('fake hub in front of the real one', () => {
  it('(fake hub: DUPLICATE_RECORD once to createQrCode and once to pay) a fresh id and one retry each; approved', async () => {
    till = await tillBehind((request, nth) => ((request.path === '/qr/v1/qrCodes' || request.path === '/qr/v1/payments') && nth === 1
      ? { status: 400, body: duplicateRecord((request.body as { id: string }).id) } : undefined));
    const charged = value(await till.engine.charge({ amountMinor: 990 }));
    expect(charged.phase).toBe('awaiting-scan');
    await until(() => posts('/qr/v1/payments').length === 2, 'the pay retry');
    await stack.waitForState(charged.tranId!, 'AWAITING_SCAN');
    expect((await stack.partner.scan({ qrPayload: charged.qrPayload! })).status).toBe(202);
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'approved', 'approval');
    expect(sale.approvedMinor).toBe(990);

    const [qr1, qr2] = posts('/qr/v1/qrCodes');
    const [pay1, pay2] = posts('/qr/v1/payments');
    expect(qr1!.id).not.toBe(qr2!.id);
    expect(pay1!.id).not.toBe(pay2!.id);
    expect(pay2!.tranId).toBe(charged.tranId);
    for (const request of [qr1, qr2]) expectSchemaValid('CreateQrCodeRequest', request);
    for (const request of [pay1, pay2]) expectSchemaValid('PaymentRequest', request);

    // The confirmation refers to the pay that the hub accepted.
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    const [confirmation] = posts('/qr/v1/payments/confirmations') as unknown as { requestId: string }[];
    expect(confirmation!.requestId).toBe(pay2!.id);
    expectSchemaValid('PaymentConfirmation', confirmation);
    await until(() => reservationOf(stack, charged.tranId!)?.state === 'captured', 'captured');
  });

  it('(fake hub: DUPLICATE_RECORD to every createQrCode) exactly one retry, then the QR failed; nothing to reverse', async () => {
    till = await tillBehind((request) => (request.path === '/qr/v1/qrCodes'
      ? { status: 400, body: duplicateRecord((request.body as { id: string }).id) } : undefined));
    const sale = value(await till.engine.charge({ amountMinor: 10 }));
    expect(sale).toMatchObject({ phase: 'not-completed', outcome: { reason: 'qr-failed', errorType: 'DUPLICATE_RECORD', httpStatus: 400 } });
    expect(sale.advice).toBeUndefined();
    expect(posts('/qr/v1/qrCodes')).toHaveLength(2);
    expect(posts('/qr/v1/payments')).toHaveLength(0);
  });

  it('(fake hub: DUPLICATE_RECORD to every pay) exactly one retry, then not completed: the first pay is reversed', async () => {
    till = await tillBehind((request) => (request.path === '/qr/v1/payments'
      ? { status: 400, body: duplicateRecord((request.body as { id: string }).id) } : undefined));
    const charged = value(await till.engine.charge({ amountMinor: 10 }));
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown', errorType: 'DUPLICATE_RECORD', httpStatus: 400 },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT' },
    });
    const [first] = posts('/qr/v1/payments');
    expect(posts('/qr/v1/payments')).toHaveLength(2);
    // The real hub never saw either pay: its 404 makes the reversal final.
    expect(posts('/qr/v1/payments/reversals')).toMatchObject([{ requestId: first!.id }]);
  });

  it('(fake hub: DUPLICATE_RECORD to a pay it also passes on, 503 to the resend) the first pay is reversed', async () => {
    till = await tillBehind((request, nth) => {
      if (request.path !== '/qr/v1/payments') return undefined;
      const pay = request.body as { id: string; tranId: string };
      if (nth === 1) {
        return { status: 400, body: duplicateRecord(pay.id), alsoForward: true, answerAfter: () => stack.waitForState(pay.tranId, 'AWAITING_SCAN') };
      }
      return { status: 503, body: { id: 'fakehub0000000000003', errorType: 'UPSTREAM_UNAVAILABLE', errorMessage: 'Injected' } };
    });
    const charged = value(await till.engine.charge({ amountMinor: 4343 }));
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({ phase: 'not-completed', outcome: { reason: 'outcome-unknown', httpStatus: 503 }, advice: { kind: 'reversal' } });
    const [first] = posts('/qr/v1/payments');
    expect(posts('/qr/v1/payments/reversals')).toMatchObject([{ requestId: first!.id, reversalReason: 'TIMEOUT' }]);
    // Without the reversal the customer could still pay the first request: the hub has cancelled it instead.
    expect((await hubTransaction(stack, charged.tranId!)).payment).toMatchObject({ id: first!.id, state: 'CANCELLED' });
    expect((await stack.partner.scan({ qrPayload: charged.qrPayload! })).status).toBe(400);
  });

  it('(fake hub: DUPLICATE_RECORD to a pay it also passes on) a cancel while the resend is out reverses the first pay', async () => {
    let releaseResend!: () => void;
    const resendHeld = new Promise<void>((resolve) => (releaseResend = resolve));
    till = await tillBehind((request, nth) => {
      if (request.path !== '/qr/v1/payments') return undefined;
      const pay = request.body as { id: string; tranId: string };
      if (nth === 1) {
        return { status: 400, body: duplicateRecord(pay.id), alsoForward: true, answerAfter: () => stack.waitForState(pay.tranId, 'AWAITING_SCAN') };
      }
      return { status: 400, body: { id: 'fakehub0000000000004', errorType: 'INVALID_TRAN_ID', errorMessage: 'Injected' }, answerAfter: () => resendHeld };
    });
    const charged = value(await till.engine.charge({ amountMinor: 4444 }));
    await until(() => posts('/qr/v1/payments').length === 2, 'the resend out');
    const cancelled = value(await till.engine.cancel(charged.saleId));
    expect(cancelled).toMatchObject({ phase: 'cancelled', advice: { kind: 'reversal', reversalReason: 'CANCELLED' } });
    releaseResend();
    await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    const [first] = posts('/qr/v1/payments');
    expect(posts('/qr/v1/payments/reversals')).toMatchObject([{ requestId: first!.id, reversalReason: 'CANCELLED' }]);
    expect((await hubTransaction(stack, charged.tranId!)).payment).toMatchObject({ id: first!.id, state: 'CANCELLED' });
  });

  it('(fake hub: DUPLICATE_RECORD to a pay it also passes on) the resend finds the tranId taken: the first pay is reversed', async () => {
    till = await tillBehind((request, nth) => {
      if (request.path !== '/qr/v1/payments' || nth !== 1) return undefined;
      const pay = request.body as { id: string; tranId: string };
      // As if a proxy had retried the pay: the hub holds the first request, the till is told its id was a duplicate.
      return { status: 400, body: duplicateRecord(pay.id), alsoForward: true, answerAfter: () => stack.waitForState(pay.tranId, 'AWAITING_SCAN') };
    });
    const charged = value(await till.engine.charge({ amountMinor: 4242 }));
    expect(charged.phase).toBe('awaiting-scan');
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'reversal delivered');
    expect(sale).toMatchObject({
      phase: 'not-completed', outcome: { reason: 'outcome-unknown', httpStatus: 400, errorType: 'INVALID_TRAN_ID' },
      advice: { kind: 'reversal', reversalReason: 'TIMEOUT' },
    });

    const [first, resent] = posts('/qr/v1/payments');
    expect(resent!.id).not.toBe(first!.id);
    const [reversal] = posts('/qr/v1/payments/reversals') as unknown as { requestId: string; reversalReason: string }[];
    expect(reversal).toMatchObject({ requestId: first!.id, reversalReason: 'TIMEOUT' });
    expectSchemaValid('PaymentReversal', reversal);
    // The hub's payment is the first request; it is cancelled, and the pay call it held is answered.
    const tran = await hubTransaction(stack, charged.tranId!);
    expect(tran.payment).toMatchObject({ id: first!.id, state: 'CANCELLED' });
    await until(() => fake!.dropped.length === 1, 'the held pay answered');
    expect(fake!.dropped[0]).toMatchObject({ path: '/qr/v1/payments', status: 400, answer: { errorType: 'NO_SCAN_RECEIVED' } });
    expect((await stack.partner.scan({ qrPayload: charged.qrPayload! })).status).toBe(400);
  });

  it('(fake hub: 500 to a confirmation, twice) the same message is resent until the real hub answers 202', async () => {
    till = await tillBehind((request, nth) => (request.path === '/qr/v1/payments/confirmations' && nth <= 2
      ? { status: 500, body: { id: 'fakehub0000000000002', errorType: 'GENERAL_ERROR', errorMessage: 'Injected' } } : undefined));
    const charged = value(await till.engine.charge({ amountMinor: 321 }));
    await stack.waitForState(charged.tranId!, 'AWAITING_SCAN');
    await stack.partner.scan({ qrPayload: charged.qrPayload! });
    await waitForSale(till.engine, charged.saleId, (s) => s.phase === 'approved', 'approval');
    expect(value(await till.engine.dismiss(charged.saleId))).toBeNull();
    const sale = await waitForSale(till.engine, charged.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    expect(sale.advice).toMatchObject({ attempts: 3 });
    const sent = posts('/qr/v1/payments/confirmations');
    expect(sent).toHaveLength(3);
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[2]).toEqual(sent[0]);
    await until(() => reservationOf(stack, charged.tranId!)?.state === 'captured', 'captured');
  });

  it('(fake hub: slow createQrCode) cancel while creating the QR code: cancelled, nothing to reverse, the late QR ignored', async () => {
    till = await tillBehind((request) => (request.path === '/qr/v1/qrCodes' ? { delayMs: 300 } : undefined));
    const charging = till.engine.charge({ amountMinor: 700 });
    const engine = till.engine;
    await until(async () => value(await engine.snapshot()).current?.phase === 'creating-qr', 'the sale on screen');
    const saleId = value(await engine.snapshot()).current!.saleId;
    const cancelled = value(await engine.cancel(saleId));
    expect(cancelled).toMatchObject({ phase: 'cancelled', outcome: { reason: 'cancelled' } });
    expect(cancelled.advice).toBeUndefined();
    expect(value(await charging)).toMatchObject({ saleId, phase: 'cancelled' });
    const t = till;
    await until(() => t.logged('createQrCode answered').length === 1, 'the late QR answer');
    const sale = await waitForSale(engine, saleId, () => true, 'sale');
    expect(sale.phase).toBe('cancelled');
    expect(sale.tranId).toBeUndefined();
    expect(value(await engine.snapshot()).status.outbox.pending).toBe(0);
    // Then count: a later sale's pay held at the hub is the end to wait for; it is the only pay sent.
    expect(value(await engine.dismiss(saleId))).toBeNull();
    const next = value(await engine.charge({ amountMinor: 701 }));
    await stack.waitForState(next.tranId!, 'AWAITING_SCAN');
    expect(posts('/qr/v1/payments').map((pay) => pay.tranId)).toEqual([next.tranId]);
  });
});
