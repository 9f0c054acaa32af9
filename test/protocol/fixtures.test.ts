import { describe, expect, it } from 'vitest';
import {
  CreateQrCodeRequest, CreateQrCodeResponse, PaymentConfirmation, PaymentRequest, PaymentResponse, PaymentReversal,
  ScanNotification,
} from '../../protocol/messages.js';
import { parseQrPayload } from '../../protocol/qr.js';
import {
  MERCHANT_ID, QR_PROVIDER_ID, RETAILER_CLIENT_ID, TERMINAL_ID, sampleCreateQrCodeRequest, sampleCreateQrCodeResponse,
  samplePaymentConfirmation, samplePaymentRequest, samplePaymentResponse, samplePaymentReversal, sampleScanNotification,
} from '../support/fixtures.js';
import { expectSchemaValid } from '../support/openapi.js';

const TRAN_ID = 'f82d7f64feea4f2ab24da94aaf5c2941';

function samples() {
  const request = samplePaymentRequest(TRAN_ID);
  return [
    { name: 'CreateQrCodeRequest', schema: CreateQrCodeRequest, body: sampleCreateQrCodeRequest() },
    { name: 'CreateQrCodeResponse', schema: CreateQrCodeResponse, body: sampleCreateQrCodeResponse() },
    { name: 'ScanNotification', schema: ScanNotification, body: sampleScanNotification(TRAN_ID) },
    { name: 'PaymentRequest', schema: PaymentRequest, body: request },
    { name: 'PaymentResponse', schema: PaymentResponse, body: samplePaymentResponse(request) },
    { name: 'PaymentConfirmation', schema: PaymentConfirmation, body: samplePaymentConfirmation(request.id) },
    { name: 'PaymentReversal', schema: PaymentReversal, body: samplePaymentReversal(request.id, 'CANCELLED') },
  ] as const;
}

describe('sample messages (test/support/fixtures.ts)', () => {
  for (const { name } of samples()) {
    it(`the sample ${name} is valid against the zod schema and docs/openapi.yaml, and survives parsing unchanged`, () => {
      const sample = samples().find((s) => s.name === name)!;
      const parsed = sample.schema.safeParse(sample.body);
      expect(parsed.error).toBeUndefined();
      expect(parsed.data).toEqual(sample.body);
      expectSchemaValid(name, sample.body);
    });
  }

  it('use the retailer till identity', () => {
    const request = sampleCreateQrCodeRequest();
    expect(request.client.id).toBe(RETAILER_CLIENT_ID);
    expect(request.originator.terminalId).toBe(TERMINAL_ID);
    expect(request.originator.merchant.merchantId).toBe(MERCHANT_ID);
    expect(request.amounts?.requestAmount).toEqual({ amount: 12345, currency: '710' });
  });

  it('make fresh ids, apply overrides and link advices to their request', () => {
    const first = samplePaymentRequest(TRAN_ID);
    const second = samplePaymentRequest(TRAN_ID, { basketRef: 'other' });
    expect(second.id).not.toBe(first.id);
    expect(second.basketRef).toBe('other');
    expect(samplePaymentReversal(first.id, 'TIMEOUT')).toMatchObject({ requestId: first.id, reversalReason: 'TIMEOUT' });
    expect(samplePaymentConfirmation(first.id).requestId).toBe(first.id);
  });

  it('the sample CreateQrCodeResponse carries a QR payload holding its tranId', () => {
    const response = sampleCreateQrCodeResponse();
    expect(parseQrPayload(response.qrCode, QR_PROVIDER_ID).tranId).toBe(response.tranId);
    expect(response.tranId).toMatch(/^[0-9a-f]{32}$/);
  });
});
