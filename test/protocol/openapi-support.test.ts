import { describe, expect, it } from 'vitest';
import { errorDetail } from '../../protocol/errors.js';
import { samplePaymentConfirmation, samplePaymentRequest, samplePaymentResponse } from '../support/fixtures.js';
import {
  expectSchemaValid, expectValidHubAnswer, expectValidHubResponse, openApiDocument, responseSchemaFor,
  validateAgainstSchema, type ElectrumPath,
} from '../support/openapi.js';

const PATHS: ElectrumPath[] = ['/qrCodes', '/scans', '/payments', '/payments/confirmations', '/payments/reversals'];
const anError = () => errorDetail('FORMAT_ERROR', 'bad request');
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('OpenAPI support (test/support/openapi.ts)', () => {
  it('reads our own OpenAPI 3.1 document from docs/openapi.yaml, with the five Electrum operations', () => {
    const document = openApiDocument();
    expect(document.openapi).toBe('3.1.0');
    const operations = PATHS.map((path) => document.paths[`/qr/v1${path}`]?.post?.operationId);
    expect(operations).toEqual(['createQrCode', 'notifyScan', 'pay', 'confirmPayment', 'reversePayment']);
  });

  it('reads the answers of docs/protocol.md §1 and our [P] statuses from the document', () => {
    const post = (path: ElectrumPath, status: number) => responseSchemaFor('POST', `/qr/v1${path}`, status);
    expect(post('/qrCodes', 201)).toEqual(ref('CreateQrCodeResponse'));
    expect(post('/payments', 201)).toEqual(ref('PaymentResponse'));
    expect(post('/payments/confirmations', 202)).toEqual(ref('PaymentConfirmation'));
    expect(post('/payments/reversals', 202)).toEqual(ref('PaymentReversal'));
    expect(post('/payments/confirmations', 404)).toEqual(ref('ErrorDetail'));
    expect(post('/payments/reversals', 404)).toEqual(ref('ErrorDetail'));
    expect(post('/scans', 202)).toBeNull();
    expect(post('/payments', 404)).toBeUndefined();
    expect(post('/qrCodes', 504)).toBeUndefined();
    for (const path of PATHS) {
      for (const status of [400, 401, 403, 413, 415, 500]) expect(post(path, status), `${path} ${status}`).toEqual(ref('ErrorDetail'));
    }
    for (const status of [503, 504]) expect(post('/payments', status)).toEqual(ref('ErrorDetail'));
  });

  it('validateAgainstSchema reports readable errors and throws on an unknown schema', () => {
    const result = validateAgainstSchema('PaymentRequest', { ...samplePaymentRequest('t'), time: 'now' });
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('PaymentRequest/time must match format "date-time"');
    expect(() => validateAgainstSchema('NoSuchThing', {})).toThrow(/NoSuchThing/);
  });

  it('expectSchemaValid fails with the errors in the message', () => {
    expect(() => expectSchemaValid('ErrorDetail', { id: 'x' })).toThrow(/required property 'errorType'/);
  });

  it('expectValidHubResponse uses the documented schema for a documented status', () => {
    const request = samplePaymentRequest('t');
    expectValidHubResponse('/payments', 201, samplePaymentResponse(request));
    expect(() => expectValidHubResponse('/payments', 201, request)).toThrow(/partner/);
    expect(() => expectValidHubResponse('/payments', 201, undefined)).toThrow(/empty body/);
    const confirmation = samplePaymentConfirmation(request.id);
    expectValidHubResponse('/payments/confirmations', 202, JSON.stringify(confirmation));
    for (const status of [401, 403, 413, 415]) {
      for (const path of PATHS) expectValidHubResponse(path, status, anError());
      expect(() => expectValidHubResponse('/qrCodes', status, undefined)).toThrow(/ErrorDetail/);
    }
    expectValidHubResponse('/payments/reversals', 404, errorDetail('UNABLE_TO_LOCATE_RECORD', 'unknown requestId'));
  });

  it('expectValidHubResponse requires an empty body where the document gives none', () => {
    for (const body of [undefined, null, '']) expectValidHubResponse('/scans', 202, body);
    expect(() => expectValidHubResponse('/scans', 202, { accepted: true })).toThrow(/without a body/);
  });

  it('expectValidHubResponse fails on a status the document does not give the operation', () => {
    expect(() => expectValidHubResponse('/payments', 404, anError())).toThrow(/does not document this status/);
    expect(() => expectValidHubResponse('/qrCodes', 504, anError())).toThrow(/does not document this status/);
  });

  it('expectValidHubAnswer checks the hub endpoints, including inline schemas and date-times', () => {
    expectValidHubAnswer('GET', '/health', 200, { status: 'ok' });
    expect(() => expectValidHubAnswer('GET', '/health', 200, { status: 'fine' })).toThrow(/not a valid body/);
    const entry = {
      id: 'a', paymentId: 'b', tranId: 'c', partnerId: 'd', kind: 'reversal', state: 'failed', attempts: 1,
      nextAttemptAt: '2030-01-01T00:00:00.000Z', queuedAt: '2030-01-01T00:00:00.000Z', finishedAt: '2030-01-01T00:00:01.000Z',
    };
    expectValidHubAnswer('GET', '/hub/v1/saf', 200, [entry]);
    expect(() => expectValidHubAnswer('GET', '/hub/v1/saf', 200, [{ ...entry, finishedAt: 1_893_456_001_000 }]))
      .toThrow(/finishedAt must be string/);
    expect(() => expectValidHubAnswer('GET', '/hub/v1/nothing', 200, {})).toThrow(/no GET \/hub\/v1\/nothing/);
  });
});
