import { describe, expect, it } from 'vitest';
import { samplePaymentConfirmation, sampleCreateQrCodeRequest, samplePaymentRequest } from '../support/fixtures.js';
import { until } from '../support/flows.js';
import { call } from '../support/hub-client.js';
import { useKillableHub } from '../support/killable-hub.js';
import { AUTH } from '../support/stack.js';

describe('crash recovery: kill -9 of the hub process', () => {
  const hub = useKillableHub('qrhub-crash-', {
    timeouts: { scanWindowSeconds: 10, partnerSeconds: 10 }, saf: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.5 },
  });

  async function approvedPayment() {
    const created = await call(hub.url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
    const request = samplePaymentRequest(created.body.tranId);
    const paid = call(hub.url + '/qr/v1/payments', { body: request, auth: AUTH.retailer });
    await until(async () => (await hub.partner.scan({ qrPayload: created.body.qrCode })).status === 202, 'scan accepted');
    return { tranId: created.body.tranId as string, request, paid: await paid };
  }

  it('delivers an advice accepted (202) before the crash exactly once after the restart', async () => {
    await hub.start();
    const { tranId, request, paid } = await approvedPayment();
    expect(paid.status).toBe(201);
    hub.partner.setBehaviour({ confirm: { mode: 'hang', times: 1 } });
    const accepted = await call(hub.url + '/qr/v1/payments/confirmations', { body: samplePaymentConfirmation(request.id), auth: AUTH.retailer });
    expect(accepted.status).toBe(202);
    await until(() => hub.partner.ledger.snapshot().counters.confirm.received === 1, 'advice sent before the crash');
    await hub.crash();

    await hub.start();
    await until(() => hub.partner.ledger.snapshot().counters.confirm.received === 2, 'advice resent after the restart');
    await until(async () => (await call(`${hub.url}/hub/v1/transactions/${tranId}`, { auth: AUTH.retailer })).body.upstreamAdvice.state === 'delivered', 'delivered');
    const timeline = await call(`${hub.url}/hub/v1/transactions/${tranId}`, { auth: AUTH.retailer });
    expect(timeline.body.events.filter((e: { type: string }) => e.type === 'advice.delivered')).toHaveLength(1);
    const ledger = hub.partner.ledger.snapshot();
    expect(ledger.counters.confirm).toEqual({ received: 2, applied: 1 });
    const sent = hub.partner.requests().filter((m) => m.operation === 'confirm').map((m) => (m.body as { id: string }).id);
    expect(new Set(sent).size).toBe(1);
    expect(timeline.body.state).toBe('CONFIRMED');
  });

  it('reverses upstream a payment whose forward was in flight when the hub died', async () => {
    await hub.start();
    hub.partner.setBehaviour({ pay: { mode: 'hang', times: 1 } });
    const created = await call(hub.url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
    const tranId = created.body.tranId as string;
    const paid = call(hub.url + '/qr/v1/payments', { body: samplePaymentRequest(tranId), auth: AUTH.retailer }).catch(() => 'connection lost');
    await until(async () => (await hub.partner.scan({ qrPayload: created.body.qrCode })).status === 202, 'scan accepted');
    await until(() => hub.partner.requests().some((m) => m.operation === 'pay' && (m.body as { tranId: string }).tranId === tranId), 'forwarded');
    await hub.crash();
    expect(await paid).toBe('connection lost');

    await hub.start();
    await until(() => hub.partner.requests().some((m) => m.operation === 'reverse' && (m.body as { tranId: string }).tranId === tranId), 'timeout reversal');
    const reversal = hub.partner.requests().find((m) => m.operation === 'reverse' && (m.body as { tranId: string }).tranId === tranId)!;
    expect(reversal.body).toMatchObject({ reversalReason: 'TIMEOUT' });
  });
});
