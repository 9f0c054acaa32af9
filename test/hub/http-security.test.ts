import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/hub-client.js';
import { sampleCreateQrCodeRequest, samplePaymentConfirmation } from '../support/fixtures.js';
import { approvedPayment, expectError } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';
import { expectSchemaValid } from '../support/openapi.js';

describe('HTTP layer: authentication, roles, bodies', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());

  it('answers 401 with an ErrorDetail and a Basic challenge without credentials or with a wrong password', async () => {
    const none = await call(stack.hub.url + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest() });
    expectError(none, '/qrCodes', 401, 'FORMAT_ERROR');
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest(), { username: 'till-01', password: 'guess' });
    expectError(wrong, '/qrCodes', 401, 'FORMAT_ERROR');
    const unknown = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest(), { username: 'nobody', password: 'guess' });
    expectError(unknown, '/qrCodes', 401, 'FORMAT_ERROR');
  });

  it('answers 403 when the role may not use the operation, and to an admin on the Electrum operations', async () => {
    expectError(await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest(), AUTH.partner), '/qrCodes', 403, 'FUNCTION_NOT_SUPPORTED');
    expectError(await stack.post('/qr/v1/payments', {}, AUTH.admin), '/payments', 403, 'FUNCTION_NOT_SUPPORTED');
    expectError(await stack.post('/qr/v1/payments/confirmations', {}, AUTH.admin), '/payments/confirmations', 403, 'FUNCTION_NOT_SUPPORTED');
  });

  it('answers 403 when client.id is not the authenticated user name', async () => {
    const request = sampleCreateQrCodeRequest({ client: { id: 'till-02', name: 'Other' } });
    expectError(await stack.post('/qr/v1/qrCodes', request), '/qrCodes', 403, 'FUNCTION_NOT_SUPPORTED');
  });

  it('answers 415 for another content type, 400 FORMAT_ERROR for malformed JSON, 413 above 1 MiB', async () => {
    const url = stack.hub.url + '/qr/v1/qrCodes';
    const text = await call(url, { rawBody: 'id=1', auth: AUTH.retailer, headers: { 'content-type': 'text/plain' } });
    expectError(text, '/qrCodes', 415, 'FORMAT_ERROR');
    const malformed = await call(url, { rawBody: '{"id": ', auth: AUTH.retailer, headers: { 'content-type': 'application/json' } });
    expectError(malformed, '/qrCodes', 400, 'FORMAT_ERROR');
    const huge = await call(url, { rawBody: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }), auth: AUTH.retailer,
      headers: { 'content-type': 'application/json' } });
    expectError(huge, '/qrCodes', 413, 'FORMAT_ERROR');
  });

  it('answers unknown paths, wrong methods and trailing slashes with a 404 ErrorDetail', async () => {
    for (const path of ['/qr/v1/nothing', '/qr/v1/payments/', '/elsewhere']) {
      const answer = await stack.post(path, {});
      expect(answer.status).toBe(404);
      expectSchemaValid('ErrorDetail', answer.body);
    }
    const get = await stack.get('/qr/v1/payments');
    expect(get.status).toBe(404);
    expectSchemaValid('ErrorDetail', get.body);
  });

  it('answers /health without credentials', async () => {
    const health = await call(stack.hub.url + '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('never writes a password, an Authorization header or a partner payment token to its logs', async () => {
    const { request } = await approvedPayment(stack);
    await stack.post('/qr/v1/payments/confirmations', samplePaymentConfirmation(request.id));
    const forwarded = stack.partner.requests().find((m) => m.operation === 'pay')!.body as { partnerPaymentToken: string };
    const joined = stack.logs.join('\n');
    expect(stack.logs.length).toBeGreaterThan(3);
    for (const line of stack.logs) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of [forwarded.partnerPaymentToken, 'till-01-secret', 'demo-wallet-secret', 'qrhub-to-partner-secret', 'Basic ']) {
      expect(joined).not.toContain(secret);
    }
  });
});
