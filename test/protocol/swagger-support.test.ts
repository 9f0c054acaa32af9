import { describe, expect, it } from 'vitest';
import { errorDetail } from '../../protocol/errors.js';
import { samplePaymentConfirmation, samplePaymentRequest, samplePaymentResponse } from '../support/fixtures.js';
import {
  expectSwaggerValid, expectValidHubResponse, responseDefinitionFor, swaggerFilePath, validateAgainstSwagger,
  type SwaggerPath,
} from '../support/swagger.js';

const PATHS: SwaggerPath[] = ['/qrCodes', '/scans', '/payments', '/payments/confirmations', '/payments/reversals'];
const anError = () => errorDetail('FORMAT_ERROR', 'bad request');

describe('swagger support (test/support/swagger.ts)', () => {
  it('finds the swagger in shared/spec', () => {
    expect(swaggerFilePath()).toMatch(/shared[\\/]spec[\\/]electrum-qr-swagger-1\.7\.0\.yaml$/);
  });

  it('reads the response definitions of flows.md §1 from the swagger paths', () => {
    expect(responseDefinitionFor('/qrCodes', 201)).toBe('CreateQrCodeResponse');
    expect(responseDefinitionFor('/payments', 201)).toBe('PaymentResponse');
    expect(responseDefinitionFor('/payments/confirmations', 202)).toBe('PaymentConfirmation');
    expect(responseDefinitionFor('/payments/reversals', 202)).toBe('PaymentReversal');
    expect(responseDefinitionFor('/payments/confirmations', 404)).toBe('ErrorDetail');
    expect(responseDefinitionFor('/scans', 202)).toBeNull();
    expect(responseDefinitionFor('/payments/reversals', 404)).toBeNull();
    expect(responseDefinitionFor('/payments', 404)).toBeUndefined();
    expect(responseDefinitionFor('/qrCodes', 401)).toBeUndefined();
    for (const path of PATHS) {
      for (const status of [400, 500, 503, 504]) expect(responseDefinitionFor(path, status), `${path} ${status}`).toBe('ErrorDetail');
    }
  });

  it('validateAgainstSwagger reports readable errors and throws on an unknown definition', () => {
    const result = validateAgainstSwagger('PaymentRequest', { ...samplePaymentRequest('t'), time: 'now' });
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('PaymentRequest/time must match format "date-time"');
    expect(() => validateAgainstSwagger('NoSuchThing', {})).toThrow(/NoSuchThing/);
  });

  it('expectSwaggerValid fails with the errors in the message', () => {
    expect(() => expectSwaggerValid('ErrorDetail', { id: 'x' })).toThrow(/required property 'errorType'/);
  });

  it('expectValidHubResponse uses the swagger schema for a defined status', () => {
    const request = samplePaymentRequest('t');
    expectValidHubResponse('/payments', 201, samplePaymentResponse(request));
    expect(() => expectValidHubResponse('/payments', 201, request)).toThrow(/partner/);
    expect(() => expectValidHubResponse('/payments', 201, undefined)).toThrow(/empty body/);
    const confirmation = samplePaymentConfirmation(request.id);
    expectValidHubResponse('/payments/confirmations', 202, JSON.stringify(confirmation));
  });

  it('expectValidHubResponse accepts an empty body or an ErrorDetail where the swagger gives no schema', () => {
    for (const body of [undefined, null, '']) {
      expectValidHubResponse('/scans', 202, body);
      expectValidHubResponse('/payments/reversals', 404, body);
    }
    expectValidHubResponse('/payments/reversals', 404, errorDetail('UNABLE_TO_LOCATE_RECORD', 'unknown requestId'));
    expect(() => expectValidHubResponse('/scans', 202, { accepted: true })).toThrow(/ErrorDetail/);
  });

  it('expectValidHubResponse requires an ErrorDetail for statuses the swagger does not define', () => {
    for (const status of [401, 403, 413, 415]) {
      for (const path of PATHS) expectValidHubResponse(path, status, anError());
      expect(() => expectValidHubResponse('/qrCodes', status, undefined)).toThrow(/ErrorDetail/);
    }
    expectValidHubResponse('/payments', 404, anError());
    expect(() => expectValidHubResponse('/payments', 404, { message: 'not found' })).toThrow(/ErrorDetail/);
  });
});
