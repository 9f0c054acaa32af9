import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newTranId } from '../../protocol/index.js';
import { sampleScanNotification, samplePaymentReversal } from '../support/fixtures.js';
import { expectError, until, expectUpstreamMessagesValid } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

const DEMO = { id: 'demo-wallet', name: 'Demo Wallet' };
const OTHER = { id: 'other-wallet', name: 'Other Wallet' };
const OTHER_AUTH = { username: 'other-wallet', password: 'other-wallet-secret' };

describe('POST /qr/v1/scans', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ timeouts: { scanWindowSeconds: 5, partnerSeconds: 2 } });
  });
  afterAll(async () => stack.close());
  afterEach(() => expectUpstreamMessagesValid(stack));
  beforeEach(() => stack.partner.reset());

  const scanAs = (tranId: string, partner = DEMO, auth = AUTH.partner, overrides = {}) =>
    stack.post('/qr/v1/scans', sampleScanNotification(tranId, { partner, ...overrides }), auth);

  it('answers 400 INVALID_TRAN_ID for a tranId the hub never issued', async () => {
    expectError(await scanAs(newTranId()), '/scans', 400, 'INVALID_TRAN_ID');
  });

  it('answers 400 UNABLE_TO_LOCATE_RECORD for a scan before the payment request (early scan, not buffered)', async () => {
    const { tranId } = await stack.createQr();
    const early = await scanAs(tranId);
    expectError(early, '/scans', 400, 'UNABLE_TO_LOCATE_RECORD');
    expect(early.body.tranId).toBe(tranId);
  });

  it('answers 400 INVALID_TRAN_ID for a scan of an expired, unused QR code', async () => {
    const { tranId } = await stack.createQr({ qrProperties: { expiryDate: new Date(Date.now() + 1000).toISOString() } });
    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.state === 'EXPIRED', 'the QR code expired');
    expectError(await scanAs(tranId), '/scans', 400, 'INVALID_TRAN_ID');
  });

  it('answers 400 PARTNER_UNKNOWN when partner.id differs from the credentials or is not configured', async () => {
    const { tranId } = await stack.createQr();
    expectError(await scanAs(tranId, OTHER, AUTH.partner), '/scans', 400, 'PARTNER_UNKNOWN');
    expectError(await scanAs(tranId, { id: 'ghost', name: 'Ghost' }, AUTH.partner), '/scans', 400, 'PARTNER_UNKNOWN');
  });

  it('answers 400 PARTNER_UNKNOWN to a partner client the hub has no route to', async () => {
    const { tranId } = await stack.createQr();
    const routeless = { id: 'routeless-wallet', name: 'Routeless' };
    const answer = await scanAs(tranId, routeless, { username: 'routeless-wallet', password: 'routeless-wallet-secret' });
    expectError(answer, '/scans', 400, 'PARTNER_UNKNOWN');
  });

  it('answers 400 PARTNER_UNKNOWN when the POS named another partner in its payment request', async () => {
    const { tranId } = await stack.createQr();
    const pay = stack.startPay(tranId, { partner: OTHER });
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    expectError(await scanAs(tranId), '/scans', 400, 'PARTNER_UNKNOWN');
    await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(pay.request.id, 'CANCELLED'));
    expect((await pay.answer).status).toBe(400);
  });

  it('answers 400 DUPLICATE_RECORD to a reused scan id, and 202 without re-forwarding to the same partner with a new id', async () => {
    const { tranId } = await stack.createQr();
    const pay = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    const scan = sampleScanNotification(tranId, { partner: DEMO });
    expect((await stack.post('/qr/v1/scans', scan, AUTH.partner)).status).toBe(202);
    expectError(await stack.post('/qr/v1/scans', scan, AUTH.partner), '/scans', 400, 'DUPLICATE_RECORD');
    expect((await scanAs(tranId)).status).toBe(202);
    // The hand-made scan carried a token the demo partner never issued, so it declines; what matters is one forward.
    await pay.answer;
    expect(stack.partner.requests().filter((m) => m.operation === 'pay')).toHaveLength(1);
  });

  it('answers 400 INVALID_TRAN_ID when another partner already claimed the tranId', async () => {
    const { tranId } = await stack.createQr();
    const pay = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    expect((await scanAs(tranId)).status).toBe(202);
    expectError(await scanAs(tranId, OTHER, OTHER_AUTH), '/scans', 400, 'INVALID_TRAN_ID');
    await pay.answer;
  });

  it('answers 400 UNABLE_TO_LOCATE_RECORD to a scan after the cashier cancelled (payment CANCELLED)', async () => {
    const { tranId } = await stack.createQr();
    const pay = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    const cancelled = await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(pay.request.id, 'CANCELLED'));
    expect(cancelled.status).toBe(202);
    expectError(await pay.answer, '/payments', 400, 'NO_SCAN_RECEIVED');
    expectError(await scanAs(tranId), '/scans', 400, 'UNABLE_TO_LOCATE_RECORD');
    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.state === 'CANCELLED', 'cancelled');
    expect(stack.partner.requests()).toHaveLength(0);
  });

  it('answers 403 to a retailer and 401 to wrong credentials', async () => {
    const { tranId } = await stack.createQr();
    const asRetailer = await stack.post('/qr/v1/scans', sampleScanNotification(tranId, { partner: DEMO }), AUTH.retailer);
    expectError(asRetailer, '/scans', 403, 'FUNCTION_NOT_SUPPORTED');
    const wrong = await stack.post('/qr/v1/scans', sampleScanNotification(tranId, { partner: DEMO }), { username: 'demo-wallet', password: 'nope' });
    expectError(wrong, '/scans', 401, 'FORMAT_ERROR');
    expect(wrong.headers.get('www-authenticate')).toContain('Basic');
  });
});
