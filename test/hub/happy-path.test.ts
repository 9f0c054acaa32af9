import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseQrPayload } from '../../protocol/index.js';
import { samplePaymentConfirmation, samplePaymentReversal } from '../support/fixtures.js';
import { expectUpstreamMessagesValid, until } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';
import { expectSchemaValid, expectValidHubResponse } from '../support/openapi.js';

describe('happy path: create, pay, scan, partner approves, POS confirms or voids', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(() => expectUpstreamMessagesValid(stack));
  afterAll(async () => stack.close());

  it('relays the partner approval and delivers the confirmation as a capture in the partner ledger', async () => {
    const { tranId, qrCode, answer: created } = await stack.createQr();
    expectValidHubResponse('/qrCodes', 201, created.body);
    expect(parseQrPayload(qrCode, 'za.co.qrtill').tranId).toBe(tranId);

    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    const scan = await stack.partner.scan({ qrPayload: qrCode });
    expect(scan.status).toBe(202);

    const paid = await answer;
    expect(paid.status).toBe(201);
    expectValidHubResponse('/payments', 201, paid.body);
    expect(paid.body).toMatchObject({ id: request.id, tranId, partner: { id: 'demo-wallet', name: 'Demo Wallet' } });
    expect(paid.body.partnerPaymentToken).toBeUndefined();
    expect(paid.body.amounts.approvedAmount).toEqual(request.amounts.requestAmount);
    const institutions = paid.body.thirdPartyIdentifiers.map((entry: { institutionId: string }) => entry.institutionId);
    expect(institutions).toEqual(expect.arrayContaining(['till-01', 'qrhub', 'demo-wallet']));

    const forwarded = stack.partner.requests().find((m) => m.operation === 'pay' && (m.body as { tranId: string }).tranId === tranId)!;
    expectSchemaValid('PaymentRequest', forwarded.body);
    const upstream = forwarded.body as Record<string, any>;
    expect(upstream.id).not.toBe(request.id);
    expect(upstream.client).toEqual({ id: 'qrhub', name: 'QR Hub' });
    expect(upstream.originator).toEqual(request.originator);
    expect(upstream.partnerPaymentToken).toEqual(expect.any(String));

    const confirmation = samplePaymentConfirmation(request.id, { thirdPartyIdentifiers: paid.body.thirdPartyIdentifiers, tranId });
    const confirmed = await stack.post('/qr/v1/payments/confirmations', confirmation);
    expect(confirmed.status).toBe(202);
    expectValidHubResponse('/payments/confirmations', 202, confirmed.body);
    expect(confirmed.body).toEqual(confirmation);

    await until(() => Object.values(stack.partner.ledger.snapshot().reservations).some((r: any) => r.tranId === tranId && r.state === 'captured'), 'capture');
    const advice = stack.partner.requests().find((m) => m.operation === 'confirm')!;
    expectSchemaValid('PaymentConfirmation', advice.body);
    expect(advice.body).toMatchObject({ requestId: upstream.id, tranId, partner: { id: 'demo-wallet' } });
    expect((advice.body as { id: string }).id).not.toBe(confirmation.id);

    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice?.state === 'delivered', 'delivery');
    const timeline = await stack.get(`/hub/v1/transactions/${tranId}`);
    expect(timeline.body.state).toBe('CONFIRMED');
    expect(timeline.body.events.map((e: { type: string }) => e.type)).toEqual([
      'qr.issued', 'payment.received', 'scan.accepted', 'payment.forwarded', 'payment.approved', 'advice.received',
      'advice.queued', 'advice.delivered',
    ]);
  });

  it('forwards a void (reversal CANCELLED after approval) and the partner releases the reservation', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    await stack.partner.scan({ qrPayload: qrCode });
    const paid = await answer;
    expect(paid.status).toBe(201);

    const reversal = samplePaymentReversal(request.id, 'CANCELLED', { thirdPartyIdentifiers: paid.body.thirdPartyIdentifiers });
    const reversed = await stack.post('/qr/v1/payments/reversals', reversal);
    expect(reversed.status).toBe(202);
    expectValidHubResponse('/payments/reversals', 202, reversed.body);

    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.state === 'REVERSED', 'reversal delivered');
    const sent = stack.partner.requests().filter((m) => m.operation === 'reverse' && (m.body as { tranId: string }).tranId === tranId);
    expect(sent).toHaveLength(1);
    expectSchemaValid('PaymentReversal', sent[0]!.body);
    expect(sent[0]!.body).toMatchObject({ reversalReason: 'CANCELLED' });
    const released = Object.values(stack.partner.ledger.snapshot().reservations).filter((r: any) => r.tranId === tranId && r.state === 'released');
    expect(released).toHaveLength(1);
  });

  it('lets an admin read any timeline but hides it from another retailer', async () => {
    const { tranId } = await stack.createQr();
    expect((await stack.get(`/hub/v1/transactions/${tranId}`, AUTH.admin)).status).toBe(200);
    const other = await stack.get(`/hub/v1/transactions/${tranId}`, AUTH.otherRetailer);
    expect(other.status).toBe(404);
    expectSchemaValid('ErrorDetail', other.body);
  });
});
