import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc16, parseQrPayload } from '../../protocol/index.js';
import { sampleCreateQrCodeRequest, sampleOriginator, samplePaymentReversal } from '../support/fixtures.js';
import { expectError } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';
import { expectValidHubResponse } from '../support/openapi.js';

describe('POST /qr/v1/qrCodes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ merchants: [{ client: 'till-01', merchantId: '123456789012345' }] });
  });
  afterAll(async () => stack.close());

  it('answers 201 echoing the request with a 32-hex tranId carried in the provider template', async () => {
    const request = sampleCreateQrCodeRequest();
    const answer = await stack.post('/qr/v1/qrCodes', request);
    expect(answer.status).toBe(201);
    expectValidHubResponse('/qrCodes', 201, answer.body);
    expect(answer.body).toMatchObject({ id: request.id, originator: request.originator, client: request.client });
    expect(answer.body.tranId).toMatch(/^[0-9a-f]{32}$/);
    expect(answer.body.qrCode).toBe(`00020126520012za.co.qrtill0132${answer.body.tranId}`);
  });

  it('builds a PSEUDO_EMVCO_MERCHANT payload with merchant tags and a valid CRC', async () => {
    const request = sampleCreateQrCodeRequest({ qrProperties: { scheme: 'PSEUDO_EMVCO_MERCHANT', value: { amount: 12345, currency: '710' } } });
    const answer = await stack.post('/qr/v1/qrCodes', request);
    expect(answer.status).toBe(201);
    const parsed = parseQrPayload(answer.body.qrCode, 'za.co.qrtill');
    expect(parsed.tranId).toBe(answer.body.tranId);
    const tags = Object.fromEntries(parsed.objects.map((o) => [o.tag, o.value]));
    expect(tags).toMatchObject({ '52': '5411', '53': '710', '54': '123.45', '58': 'ZA', '59': 'Corner Grocer Rosebank', '60': 'Johannesburg' });
    const payload: string = answer.body.qrCode;
    expect(payload.slice(-4)).toBe(crc16(payload.slice(0, -4)));
  });

  it('answers 400 FUNCTION_NOT_SUPPORTED for an EMVCO_MERCHANT code without the data EMVCo requires', async () => {
    const originator = sampleOriginator();
    originator.merchant.merchantName.city = '';
    const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ originator, amounts: undefined,
      qrProperties: { scheme: 'EMVCO_MERCHANT' } }));
    expectError(answer, '/qrCodes', 400, 'FUNCTION_NOT_SUPPORTED');
  });

  it('answers 400 DUPLICATE_RECORD when the request id was used before', async () => {
    const request = sampleCreateQrCodeRequest();
    expect((await stack.post('/qr/v1/qrCodes', request)).status).toBe(201);
    const again = await stack.post('/qr/v1/qrCodes', request);
    expectError(again, '/qrCodes', 400, 'DUPLICATE_RECORD');
    expect(again.body.originalId).toBe(request.id);
  });

  it('answers DUPLICATE_RECORD to a reused id even when the merchant is not registered either', async () => {
    const request = sampleCreateQrCodeRequest();
    expect((await stack.post('/qr/v1/qrCodes', request)).status).toBe(201);
    const originator = sampleOriginator();
    originator.merchant.merchantId = '999999999999999';
    expectError(await stack.post('/qr/v1/qrCodes', { ...request, originator }), '/qrCodes', 400, 'DUPLICATE_RECORD');
  });

  it('answers 400 FORMAT_ERROR, not 500, to an expiryDate outside the range of dates', async () => {
    const expiryDate = '+275760-09-13T00:00:00.001Z';
    expectError(await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ qrProperties: { expiryDate } })), '/qrCodes', 400, 'FORMAT_ERROR');
  });

  it('checks ids per message type across all clients: another till reusing an id is a duplicate, a pay may reuse it', async () => {
    const request = sampleCreateQrCodeRequest();
    const created = await stack.post('/qr/v1/qrCodes', request);
    expect(created.status).toBe(201);
    const otherTill = { ...request, client: { id: 'till-02', name: 'Other' } };
    expectError(await stack.post('/qr/v1/qrCodes', otherTill, AUTH.otherRetailer), '/qrCodes', 400, 'DUPLICATE_RECORD');
    const { tranId } = await stack.createQr();
    const pay = stack.startPay(tranId, { id: request.id });
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    await stack.post('/qr/v1/payments/reversals', samplePaymentReversal(request.id, 'CANCELLED'));
    expectError(await pay.answer, '/payments', 400, 'NO_SCAN_RECEIVED', { originalId: request.id });
  });

  it('answers 400 INVALID_MERCHANT for a merchant not on the allow-list', async () => {
    const originator = sampleOriginator();
    originator.merchant.merchantId = '999999999999999';
    expectError(await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ originator })), '/qrCodes', 400, 'INVALID_MERCHANT');
  });

  it('answers 400 FORMAT_ERROR naming the field for a terminalId that is not 8 characters', async () => {
    const originator = sampleOriginator();
    originator.terminalId = 'T1';
    const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ originator }));
    expectError(answer, '/qrCodes', 400, 'FORMAT_ERROR');
    expect(answer.body.errorMessage).toContain('originator.terminalId');
  });

  it('honours qrProperties.expiryDate, an RFC 3339 string, and echoes the very same string (docs/protocol.md §11)', async () => {
    const expiry = new Date(Date.now() + 60_000);
    const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ qrProperties: { expiryDate: expiry.toISOString() } }));
    expect(answer.status).toBe(201);
    expectValidHubResponse('/qrCodes', 201, answer.body);
    expect(answer.body.qrProperties.expiryDate).toBe(expiry.toISOString());
    const timeline = await stack.get(`/hub/v1/transactions/${answer.body.tranId}`);
    expect(timeline.body.expiresAt).toBe(expiry.toISOString());
  });

  it('echoes an expiryDate with an offset and no fraction exactly as sent, and expires the code at that instant', async () => {
    const at = new Date(Math.ceil((Date.now() + 120_000) / 1000) * 1000);
    const local = new Date(at.getTime() + 2 * 3_600_000).toISOString().slice(0, 19);
    const expiryDate = `${local}+02:00`;
    const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ qrProperties: { expiryDate } }));
    expect(answer.status).toBe(201);
    expect(answer.body.qrProperties.expiryDate).toBe(expiryDate);
    const timeline = await stack.get(`/hub/v1/transactions/${answer.body.tranId}`);
    expect(timeline.body.expiresAt).toBe(at.toISOString());
  });

  it('refuses the OffsetDateTime object form of expiryDate with 400 FORMAT_ERROR naming the field', async () => {
    const expiryDate = { year: 2099, monthValue: 1, dayOfMonth: 1, hour: 0, minute: 0, second: 0, nano: 0, offset: { totalSeconds: 0 } };
    const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ qrProperties: { expiryDate } as never }));
    expectError(answer, '/qrCodes', 400, 'FORMAT_ERROR');
    expect(answer.body.errorMessage).toContain('qrProperties.expiryDate');
  });

  it('refuses an expiryDate in the past with 400 FORMAT_ERROR', async () => {
    const expiryDate = new Date(Date.now() - 1000).toISOString();
    expectError(await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest({ qrProperties: { expiryDate } })), '/qrCodes', 400, 'FORMAT_ERROR');
  });
});
