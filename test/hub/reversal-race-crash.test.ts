import { describe, expect, it } from 'vitest';
import { sampleCreateQrCodeRequest, samplePaymentRequest } from '../support/fixtures.js';
import { until } from '../support/flows.js';
import { call } from '../support/hub-client.js';
import { useKillableHub } from '../support/killable-hub.js';
import { AUTH } from '../support/stack.js';

// Issue 8 §1 across a kill -9: the window in which a 404 to the hub's timeout reversal is not final is measured from
// the pay's send time in the store, so a restarted hub keeps resending inside it (docs/protocol.md §8).

const PARTNER_SECONDS = 5;
/** Past the hub's wait; the window (twice the wait) leaves the restart several seconds. */
const PAY_DELAY_MS = 5_500;

describe('a timeout reversal answered 404 before a kill -9 of the hub', () => {
  const hub = useKillableHub('qrhub-race-crash-', {
    timeouts: { scanWindowSeconds: 10, partnerSeconds: PARTNER_SECONDS }, saf: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4 },
  });

  const sent = (operation: 'pay' | 'reverse', tranId: string) => hub.partner.requests()
    .filter((m) => m.operation === operation && (m.body as { tranId: string }).tranId === tranId);
  const transaction = async (tranId: string) => (await call(`${hub.url}/hub/v1/transactions/${tranId}`, { auth: AUTH.retailer })).body;

  it('keeps resending after the restart until the late pay is released, leaving nothing reserved', async () => {
    await hub.start();
    // A partner without tombstones: its 404 leaves no trace, and the late pay reserves.
    hub.partner.setBehaviour({
      pay: { mode: 'approve', delayMs: PAY_DELAY_MS },
      reverse: { mode: 'decline', status: 404, errorType: 'UNABLE_TO_LOCATE_RECORD' },
    });
    const created = await call(hub.url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
    const tranId = created.body.tranId as string;
    const paid = call(hub.url + '/qr/v1/payments', { body: samplePaymentRequest(tranId), auth: AUTH.retailer });
    await until(async () => (await hub.partner.scan({ qrPayload: created.body.qrCode })).status === 202, 'scan accepted');
    expect((await paid).status).toBe(504);
    await until(() => sent('reverse', tranId)[0]?.response?.status === 404, 'the first reversal answered 404', 1_000);

    await hub.crash();
    const before = sent('reverse', tranId).length;
    await hub.start();

    await until(() => sent('reverse', tranId).slice(before).some((m) => m.response?.status === 404),
      'a 404 to the reversal resent by the restarted hub', 1_000);
    await until(() => sent('pay', tranId)[0]?.response?.status === 201, 'the late pay reserved', 1_000);
    hub.partner.setBehaviour({ reverse: { mode: 'approve' } });
    await until(async () => (await transaction(tranId)).upstreamAdvice?.state === 'delivered', 'the reversal delivered', 1_000);

    const ledger = hub.partner.ledger.snapshot();
    expect(Object.values(ledger.reservations).filter((r) => r.state === 'reserved')).toEqual([]);
    expect(ledger.counters.reverse.applied).toBe(1);
    const timeline = await transaction(tranId);
    expect(timeline.state).toBe('REVERSED');
    expect(timeline.upstreamAdvice).toMatchObject({ lastStatus: '202' });
    expect(new Set(sent('reverse', tranId).map((m) => (m.body as { id: string }).id)).size).toBe(1);
    expect(hub.process.output()).not.toMatch(/reconciliation alert/);
  });
});
