import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../common/content-security-policy.js';
import { startTillWebStack, type TillWebStack } from '../e2e/support/till-web-stack.js';

// The browser-mode bridge over HTTP: only the till's own page may drive it, and every answer is a BridgeResult.

let web: TillWebStack;

beforeAll(async () => {
  web = await startTillWebStack();
});

afterAll(async () => {
  await web?.close();
});

function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request(`${web.url}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const verb = (name: string, payload: unknown, headers: Record<string, string> = {}) => raw(`/api/verbs/${name}`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ payload }),
});

describe('till service bridge over HTTP', () => {
  it('answers a verb with the engine\'s result and never shows the password', async () => {
    const answer = await verb('snapshot', null);
    expect(answer.status).toBe(200);
    const result = JSON.parse(answer.text);
    expect(result).toMatchObject({ ok: true, value: { settings: { clientId: 'till-01', passwordSet: true } } });
    expect(answer.text).not.toContain('till-01-secret');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses bad payloads and unknown verbs with a result object, not a crash', async () => {
    expect(JSON.parse((await verb('charge', { amountMinor: -5 })).text)).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { amountMinor: expect.any(String) } });
    expect(JSON.parse((await verb('charge', { amountMinor: 100, extra: 1 })).text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.parse((await verb('cancel', 'not-a-uuid')).text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(JSON.parse((await verb('constructor', null)).text)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const malformed = await raw('/api/verbs/snapshot', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"payload":' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const form = await raw('/api/verbs/snapshot', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const big = await raw('/api/verbs/snapshot', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
  });

  it('history and exportCsv take an optional day, checked before the engine sees it', async () => {
    const day = (await verb('history', null).then((answer) => JSON.parse(answer.text))).value.today as string;
    expect(JSON.parse((await verb('history', day)).text)).toMatchObject({ ok: true, value: { day } });
    expect(JSON.parse((await verb('exportCsv', '2024-02-29')).text)).toMatchObject({ ok: true, value: { filename: 'qr-till-2024-02-29.csv' } });
    for (const bad of ['2025-02-30', '2025-1-01', '01/02/2025', '2025-01-01T00:00:00Z', 20250101, { day: '2025-01-01' }]) {
      expect(JSON.parse((await verb('history', bad)).text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(JSON.parse((await verb('exportCsv', bad)).text)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
  });

  it('refuses other origins and rebound host names', async () => {
    const foreign = await verb('snapshot', null, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const rebound = await raw('/api/verbs/snapshot', { method: 'POST', headers: { host: 'evil.example:5180', 'content-type': 'application/json' }, body: '{}' });
    expect(rebound.status).toBe(421);
    const own = await verb('snapshot', null, { origin: web.url });
    expect(own.status).toBe(200);
  });

  it('serves the till page under a strict content security policy', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toBe(CONTENT_SECURITY_POLICY);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    // Electron loads the same page from file://, where only its meta tag applies.
    expect(page.text).toContain(`<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('streams engine events to the page', async () => {
    const received: string[] = [];
    const stream = request(`${web.url}/api/events`);
    const opened = new Promise<void>((resolve) => stream.on('response', (res) => {
      res.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
      resolve();
    }));
    stream.end();
    await opened;
    const settings = JSON.parse((await verb('snapshot', null)).text).value.settings;
    const saved = await verb('saveSettings', {
      hubMode: settings.hubMode, hubUrl: settings.hubUrl, clientId: settings.clientId, terminalId: settings.terminalId,
      merchantId: settings.merchantId, merchantName: 'Corner Grocer 2', merchantCity: settings.merchantCity,
      currency: settings.currency, locale: settings.locale, payTimeoutSeconds: settings.payTimeoutSeconds,
      scanWindowSeconds: settings.scanWindowSeconds, customerDisplay: false,
    });
    expect(JSON.parse(saved.text)).toMatchObject({ ok: true, value: { merchantName: 'Corner Grocer 2' } });
    await expect.poll(() => received.join('')).toContain('"merchantName":"Corner Grocer 2"');
    expect(received.join('')).toMatch(/data: \{"type":"settings"/);
    stream.destroy();
  });
});
