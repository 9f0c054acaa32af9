import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../partner/control-api.js';
import type { RunningPartner } from '../../partner/server.js';
import { call, confirmation, paymentRequest, startTestPartner } from './helpers.js';

describe('demo control API', () => {
  let partner: RunningPartner;

  beforeAll(async () => {
    partner = await startTestPartner();
  });
  afterEach(() => partner.reset());
  afterAll(() => partner.close());

  const control = (path: string, body?: unknown, method?: string) =>
    call(`${partner.baseUrl}${path}`, body, { auth: null, method });

  it('GET /health answers ok without credentials', async () => {
    expect(await control('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('GET /demo/ledger shows balance, available, reservations and counters', async () => {
    const payment = paymentRequest();
    await call(`${partner.apiUrl}/payments`, payment);
    const { status, body } = await control('/demo/ledger');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      currency: '710',
      balance: 100_000,
      available: 97_500,
      reservations: { [payment.id]: { state: 'reserved', amount: 2_500 } },
      counters: { pay: { received: 1, applied: 1 }, confirm: { received: 0, applied: 0 }, reverse: { received: 0, applied: 0 } },
    });
  });

  it('GET /demo/requests lists every message received, in order, as sent (unknown fields kept)', async () => {
    const payment = { ...paymentRequest(), futureField: 'kept' };
    await call(`${partner.apiUrl}/payments`, payment);
    await call(`${partner.apiUrl}/payments/confirmations`, confirmation(payment));
    await call(`${partner.apiUrl}/payments/confirmations`, { broken: true });
    const { body } = await control('/demo/requests');
    expect(body.map((entry: { operation: string }) => entry.operation)).toEqual(['pay', 'confirm', 'confirm']);
    expect(body[0].body).toEqual(payment);
    expect(Date.parse(body[0].receivedAt)).not.toBeNaN();
    expect(body[0].response.status).toBe(201);
    expect(body[1].response.status).toBe(202);
    expect(body[2].response.status).toBe(400);
  });

  it('PUT /demo/behaviour applies a partial update and rejects an invalid one', async () => {
    const ok = await control('/demo/behaviour', { confirm: { mode: 'error', status: 504 } }, 'PUT');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ pay: { mode: 'approve' }, confirm: { mode: 'error', status: 504 }, reverse: { mode: 'approve' } });

    for (const bad of [{ pay: { mode: 'sometimes' } }, { refund: { mode: 'approve' } }, { pay: { mode: 'error', status: 200 } },
      { pay: { mode: 'approve', times: 0 } }]) {
      const refused = await control('/demo/behaviour', bad, 'PUT');
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid behaviour');
    }
    expect(partner.behaviour().confirm).toEqual({ mode: 'error', status: 504 });
  });

  it('POST /demo/reset restores ledger, requests and behaviour', async () => {
    await control('/demo/behaviour', { pay: { mode: 'approve', times: 1 }, reverse: { mode: 'hang' } }, 'PUT');
    await call(`${partner.apiUrl}/payments`, paymentRequest());
    expect((await control('/demo/reset', {})).status).toBe(200);
    expect(partner.requests()).toEqual([]);
    expect(partner.ledger.snapshot()).toMatchObject({ balance: 100_000, available: 100_000, reservations: {},
      counters: { pay: { received: 0, applied: 0 } } });
    expect(partner.behaviour().reverse).toEqual({ mode: 'approve' });
  });

  it('answers unknown control paths with a JSON 404, and unknown API paths with an ErrorDetail', async () => {
    expect(await control('/demo/nothing')).toMatchObject({ status: 404, body: { error: expect.any(String) } });
    const api = await call(`${partner.apiUrl}/qrCodes`, paymentRequest());
    expect(api.status).toBe(404);
    expect(api.body.errorType).toBe('FUNCTION_NOT_SUPPORTED');
  });

  it('only trusts loopback clients', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.5')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
