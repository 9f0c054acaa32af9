import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthHeader } from '../../common/http-json.js';
import { approvedPayment, confirm, until } from '../support/flows.js';
import { expectSchemaValid, expectValidHubAnswer } from '../support/openapi.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';

// The hub's own endpoints (/hub/v1, /health) answer as docs/openapi.yaml documents them, and every time in their
// JSON is RFC 3339 with milliseconds (issue 7 §2), never epoch milliseconds.

const RFC3339_MS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const EPOCH_MS_FROM_2001 = 1e12;

/** Every time-named field is an RFC 3339 UTC string with milliseconds, and no number anywhere looks like epoch ms. */
function expectRfc3339Times(value: unknown, path = 'body'): void {
  if (Array.isArray(value)) return value.forEach((item, i) => expectRfc3339Times(item, `${path}[${i}]`));
  if (typeof value === 'number') expect(value, `${path} looks like epoch milliseconds`).toBeLessThan(EPOCH_MS_FROM_2001);
  if (typeof value !== 'object' || value === null) return;
  for (const [key, field] of Object.entries(value)) {
    if (/(At|Deadline)$|^at$/.test(key)) expect(field, `${path}.${key}`).toMatch(RFC3339_MS_UTC);
    expectRfc3339Times(field, `${path}.${key}`);
  }
}

/** The data of each server-sent event until `last` arrives. */
function eventsUntil(url: string, last: string): Promise<{ contentType: string; events: unknown[] }> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    let buffer = '';
    const request = http.get(url, { headers: { authorization: basicAuthHeader(AUTH.retailer) } }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        for (const line of buffer.split('\n')) {
          if (!line.startsWith('data: ')) continue;
          const event = JSON.parse(line.slice(6)) as { type: string };
          events.push(event);
          if (event.type === last) {
            request.destroy();
            resolve({ contentType: String(response.headers['content-type']), events });
          }
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      });
    });
    request.on('error', reject);
  });
}

describe("the hub's own endpoints, against docs/openapi.yaml", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ saf: { retryInitialSeconds: 0.05, retryMaxSeconds: 0.1 } });
  });
  afterAll(async () => stack.close());
  beforeEach(() => stack.partner.reset());

  it('GET /hub/v1/transactions/{tranId}: a confirmed payment, every time RFC 3339 with milliseconds', async () => {
    const { tranId, request } = await approvedPayment(stack);
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice?.state === 'delivered', 'delivery');
    const view = await stack.get(`/hub/v1/transactions/${tranId}`);
    expect(view.status).toBe(200);
    expectValidHubAnswer('GET', '/hub/v1/transactions/{tranId}', 200, view.body);
    expect(view.body.upstreamAdvice.finishedAt).toMatch(RFC3339_MS_UTC);
    expectRfc3339Times(view.body);
  });

  it('GET /hub/v1/transactions/{tranId}/events: each event is a documented TimelineEvent', async () => {
    const { tranId, request } = await approvedPayment(stack);
    expect((await confirm(stack, request.id)).status).toBe(202);
    const { contentType, events } = await eventsUntil(`${stack.hub.url}/hub/v1/transactions/${tranId}/events`, 'advice.delivered');
    expect(contentType).toMatch(/^text\/event-stream/);
    for (const event of events) expectSchemaValid('TimelineEvent', event);
    expectRfc3339Times(events);
  });

  it('GET /hub/v1/saf: a refused advice, with finishedAt as an RFC 3339 string', async () => {
    const { tranId, request } = await approvedPayment(stack);
    stack.partner.setBehaviour({ confirm: { mode: 'decline', status: 400, errorType: 'FORMAT_ERROR' } });
    expect((await confirm(stack, request.id)).status).toBe(202);
    await until(async () => (await stack.get(`/hub/v1/transactions/${tranId}`)).body.upstreamAdvice?.state === 'failed', 'refusal');
    const queue = await stack.get('/hub/v1/saf', AUTH.admin);
    expect(queue.status).toBe(200);
    expectValidHubAnswer('GET', '/hub/v1/saf', 200, queue.body);
    const refused = queue.body.find((entry: { tranId: string }) => entry.tranId === tranId);
    expect(refused).toMatchObject({ state: 'failed', kind: 'confirmation', lastStatus: '400' });
    expect(refused.finishedAt).toMatch(RFC3339_MS_UTC);
    expectRfc3339Times(queue.body);
  });

  it('GET /hub/v1/status and GET /health', async () => {
    const status = await stack.get('/hub/v1/status', AUTH.admin);
    expectValidHubAnswer('GET', '/hub/v1/status', 200, status.body);
    expectRfc3339Times(status.body);
    const health = await stack.get('/health', { username: '', password: '' });
    expectValidHubAnswer('GET', '/health', 200, health.body);
  });

  it('answers 401, 403 and 404 on /hub/v1 with documented ErrorDetails', async () => {
    const { tranId } = await stack.createQr();
    const cases: Array<[string, string, { username: string; password: string }, number]> = [
      ['/hub/v1/transactions/{tranId}', `/hub/v1/transactions/${tranId}`, { username: 'till-01', password: 'wrong' }, 401],
      ['/hub/v1/transactions/{tranId}', `/hub/v1/transactions/${tranId}`, AUTH.partner, 403],
      ['/hub/v1/transactions/{tranId}', `/hub/v1/transactions/${tranId}`, AUTH.otherRetailer, 404],
      ['/hub/v1/transactions/{tranId}', '/hub/v1/transactions/0123', AUTH.admin, 404],
      ['/hub/v1/transactions/{tranId}/events', `/hub/v1/transactions/${tranId}/events`, AUTH.otherRetailer, 404],
      ['/hub/v1/saf', '/hub/v1/saf', AUTH.retailer, 403],
      ['/hub/v1/status', '/hub/v1/status', { username: 'operator', password: 'wrong' }, 401],
    ];
    for (const [documented, path, auth, status] of cases) {
      const answer = await stack.get(path, auth);
      expect(answer.status, path).toBe(status);
      expectValidHubAnswer('GET', documented, status, answer.body);
    }
  });
});
