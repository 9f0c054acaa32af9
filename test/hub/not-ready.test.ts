import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerNotReady } from '../../hub/http/not-ready.js';
import { expectValidHubResponse } from '../support/openapi.js';

// Before its store is open the hub listens already (so a taken port stops a second hub early) and answers every call.

describe('the hub while it is starting', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer(answerNotReady);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string) => fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

  it('answers an advice 500, so the till keeps it queued, never 503, which would make it final', async () => {
    for (const path of ['/payments/confirmations', '/payments/reversals'] as const) {
      const answer = await post(`/qr/v1${path}`);
      expect(answer.status, path).toBe(500);
      expectValidHubResponse(path, 500, await answer.json());
    }
  });

  it('answers a pay or a QR code request 503: the hub never took it', async () => {
    for (const path of ['/payments', '/qrCodes'] as const) {
      const answer = await post(`/qr/v1${path}`);
      expect(answer.status, path).toBe(503);
      const body = await answer.json();
      expectValidHubResponse(path, 503, body);
      expect(body).toMatchObject({ errorType: 'UPSTREAM_UNAVAILABLE', errorMessage: 'Hub not ready' });
    }
    expect((await fetch(`${base}/health`)).status).toBe(503);
  });
});
