import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../common/http-json.js';
import { samplePaymentConfirmation } from '../support/fixtures.js';
import { until } from '../support/flows.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

interface StreamEvent {
  id: string;
  event: string;
  data: { seq: number; type: string; detail?: Record<string, unknown> };
}

/** Follows a server-sent event stream and collects its events. */
function follow(url: string, auth: { username: string; password: string }, lastEventId?: number) {
  const events: StreamEvent[] = [];
  let status = 0;
  let buffer = '';
  const headers: Record<string, string> = { authorization: basicAuthHeader(auth), accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const request = http.get(url, { headers }, (response) => {
    status = response.statusCode ?? 0;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        if (fields.data) events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
      }
    });
  });
  request.on('error', () => undefined);
  return { events, status: () => status, close: () => request.destroy() };
}

describe('GET /hub/v1/transactions/{tranId}/events', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => stack.close());

  it('tells the retailer that the partner refused the confirmation the hub accepted: stream and summary', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const stream = follow(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`, AUTH.retailer);
    const { request, answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    await stack.partner.scan({ qrPayload: qrCode });
    expect((await answer).status).toBe(201);
    stack.partner.setBehaviour({ confirm: { mode: 'decline', errorType: 'GENERAL_ERROR', times: 1 } });
    expect((await stack.post('/qr/v1/payments/confirmations', samplePaymentConfirmation(request.id))).status).toBe(202);
    await until(() => stream.events.some((e) => e.event === 'advice.failed'), 'the refusal on the stream');
    expect(stream.events.find((e) => e.event === 'advice.failed')!.data.detail).toMatchObject({ kind: 'confirmation', status: 400 });
    expect(stream.events.some((e) => e.event === 'advice.delivered')).toBe(false);
    stream.close();
    const summary = (await stack.get(`/hub/v1/transactions/${tranId}`)).body;
    expect(summary.upstreamAdvice).toMatchObject({ kind: 'confirmation', state: 'failed', lastStatus: '400' });
    expect(Date.parse(summary.upstreamAdvice.finishedAt)).not.toBeNaN();
  });

  it('streams the timeline live: scanned with the partner, approved, advice delivered', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const stream = follow(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`, AUTH.retailer);
    await until(() => stream.events.length === 1, 'replay of the issued event');
    expect(stream.status()).toBe(200);
    expect(stream.events[0]!.event).toBe('qr.issued');

    const { request, answer } = stack.startPay(tranId);
    await until(() => stream.events.some((e) => e.event === 'payment.received'), 'payment received event');
    await stack.partner.scan({ qrPayload: qrCode });
    await until(() => stream.events.some((e) => e.event === 'scan.accepted'), 'scan event');
    const scanned = stream.events.find((e) => e.event === 'scan.accepted')!;
    expect(scanned.data.detail).toMatchObject({ partnerId: 'demo-wallet', partnerName: 'Demo Wallet' });
    expect((await answer).status).toBe(201);
    await stack.post('/qr/v1/payments/confirmations', samplePaymentConfirmation(request.id));
    await until(() => stream.events.some((e) => e.event === 'advice.delivered'), 'delivery event');

    const seqs = stream.events.map((e) => e.data.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(JSON.stringify(stream.events)).not.toContain('partnerPaymentToken');
    stream.close();

    const resumed = follow(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`, AUTH.retailer, seqs[2]);
    await until(() => resumed.events.length === seqs.length - 3, 'resume after Last-Event-ID');
    expect(resumed.events[0]!.data.seq).toBe(seqs[3]);
    resumed.close();
  });

  it('answers 404 to another retailer and 401 without credentials', async () => {
    const { tranId } = await stack.createQr();
    const other = follow(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`, AUTH.otherRetailer);
    await until(() => other.status() !== 0, 'answer');
    expect(other.status()).toBe(404);
    other.close();
    const anonymous = await fetch(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`);
    expect(anonymous.status).toBe(401);
  });
});
