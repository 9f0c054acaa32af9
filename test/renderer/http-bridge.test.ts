import { afterEach, describe, expect, test, vi } from 'vitest';
import type { TillEvent } from '../../electron/preload/bridge-types';
import { createHttpBridge } from '../../renderer/bridge/http-bridge';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Enough of EventSource to drive the bridge: the test opens, fails and messages it by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((message: MessageEvent) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }

  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  fail(closed: boolean): void {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.();
  }

  close(): void {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
}

function bridgeWith(fetch: typeof globalThis.fetch) {
  FakeEventSource.instances = [];
  return createHttpBridge({ fetch, EventSource: FakeEventSource as unknown as typeof EventSource, reopenDelayMs: 10 });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HTTP bridge (browser mode)', () => {
  test('posts each verb as {payload} JSON to a relative /api/verbs URL and returns the answer', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse({ ok: true, value: { saleId: 'x' } }));
    const bridge = bridgeWith(fetch);
    const result = await bridge.charge({ amountMinor: 12345 });
    expect(result).toEqual({ ok: true, value: { saleId: 'x' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/verbs/charge');
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ payload: { amountMinor: 12345 } });
  });

  test('verbs without an argument send payload null', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse({ ok: true, value: null }));
    const bridge = bridgeWith(fetch);
    await bridge.snapshot();
    await bridge.cancel('sale-1');
    await bridge.history();
    await bridge.history('2025-03-14');
    await bridge.exportCsv('2025-03-13');
    expect(fetch.mock.calls.map(([url, init]) => [url, JSON.parse(String(init?.body))])).toEqual([
      ['/api/verbs/snapshot', { payload: null }],
      ['/api/verbs/cancel', { payload: 'sale-1' }],
      ['/api/verbs/history', { payload: null }],
      ['/api/verbs/history', { payload: '2025-03-14' }],
      ['/api/verbs/exportCsv', { payload: '2025-03-13' }],
    ]);
  });

  test('passes refusals through unchanged', async () => {
    const refusal = { ok: false, code: 'INVALID_INPUT', message: 'Invalid input', fields: { terminalId: 'must be exactly 8 characters' } };
    const bridge = bridgeWith(async () => jsonResponse(refusal));
    expect(await bridge.saveSettings({} as never)).toEqual(refusal);
  });

  test('a non-200 answer becomes UNAVAILABLE', async () => {
    const bridge = bridgeWith(async () => jsonResponse({ ok: true, value: null }, 502));
    const result = await bridge.history();
    expect(result).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    expect(!result.ok && result.message).toContain('502');
  });

  test('a network failure becomes UNAVAILABLE', async () => {
    const bridge = bridgeWith(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await bridge.snapshot()).toMatchObject({ ok: false, code: 'UNAVAILABLE', message: expect.stringContaining('cannot be reached') });
  });

  test('an unreadable 200 answer becomes UNAVAILABLE', async () => {
    const bridge = bridgeWith(async () => new Response('<html>proxy error</html>', { status: 200 }));
    expect(await bridge.exportCsv()).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    const odd = bridgeWith(async () => jsonResponse({ hello: 'world' }));
    expect(await odd.exportCsv()).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
  });

  test('delivers events from /api/events and reports the stream opening and dropping', async () => {
    const bridge = bridgeWith(async () => jsonResponse({ ok: true, value: null }));
    const events: TillEvent[] = [];
    const states: string[] = [];
    bridge.onStreamState?.((state) => states.push(state));
    const stop = bridge.onEvent((event) => events.push(event));
    const [source] = FakeEventSource.instances;
    expect(source?.url).toBe('/api/events');
    source!.open();
    source!.send(JSON.stringify({ type: 'history-changed' }));
    source!.send('not json');
    source!.fail(false);
    source!.open();
    expect(events).toEqual([{ type: 'history-changed' }]);
    expect(states).toEqual(['open', 'lost', 'open']);
    stop();
    expect(source!.closed).toBe(true);
  });

  test('reopens a stream the browser gave up on', async () => {
    vi.useFakeTimers();
    const bridge = bridgeWith(async () => jsonResponse({ ok: true, value: null }));
    bridge.onEvent(() => undefined);
    FakeEventSource.instances[0]!.fail(true);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.instances[1]!.url).toBe('/api/events');
  });
});
