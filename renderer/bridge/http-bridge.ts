import type { BridgeResult, TillEvent, TillVerbs, VerbName } from '../../electron/preload/bridge-types';
import type { ConnectedBridge, EventStreamState } from './connected-bridge';

// Browser mode: the till service answers every verb at POST /api/verbs/<verb> with a BridgeResult (always HTTP 200)
// and streams TillEvents as server-sent events at /api/events. URLs stay origin-relative: the service serves this page.

export interface HttpBridgeOptions {
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Delay before reopening a stream the browser gave up on (it retries by itself otherwise). */
  reopenDelayMs?: number;
}

function unavailable(message: string): { ok: false; code: 'UNAVAILABLE'; message: string } {
  return { ok: false, code: 'UNAVAILABLE', message };
}

function isBridgeResult(body: unknown): body is BridgeResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && 'code' in body && typeof body.code === 'string'
    && 'message' in body && typeof body.message === 'string';
}

function isTillEvent(data: unknown): data is TillEvent {
  return typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string';
}

export function createHttpBridge(options: HttpBridgeOptions = {}): ConnectedBridge {
  const fetchVerb = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const EventSourceClass = options.EventSource ?? globalThis.EventSource;
  const reopenDelayMs = options.reopenDelayMs ?? 3000;

  async function call<T>(verb: VerbName, payload: unknown): Promise<BridgeResult<T>> {
    let response: Response;
    try {
      response = await fetchVerb(`/api/verbs/${verb}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ payload: payload === undefined ? null : payload }),
      });
    } catch {
      return unavailable('The till service cannot be reached. Check that it is running.');
    }
    if (response.status !== 200) return unavailable(`The till service answered with HTTP ${response.status}.`);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return unavailable('The till service sent an answer the till could not read.');
    }
    if (!isBridgeResult(body)) return unavailable('The till service sent an answer the till could not read.');
    return body as BridgeResult<T>;
  }

  const eventListeners = new Set<(event: TillEvent) => void>();
  const stateListeners = new Set<(state: EventStreamState) => void>();
  let source: EventSource | undefined;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;

  function announce(state: EventStreamState): void {
    for (const listener of [...stateListeners]) listener(state);
  }

  function open(): void {
    const stream = new EventSourceClass('/api/events');
    source = stream;
    stream.onopen = () => announce('open');
    stream.onmessage = (message: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (!isTillEvent(data)) return;
      for (const listener of [...eventListeners]) listener(data);
    };
    stream.onerror = () => {
      announce('lost');
      // CLOSED means the browser will not retry on its own (e.g. the service answered with an error status).
      if (stream.readyState === EventSourceClass.CLOSED && source === stream) {
        stream.close();
        source = undefined;
        reopenTimer = setTimeout(() => {
          reopenTimer = undefined;
          if (eventListeners.size > 0 && !source) open();
        }, reopenDelayMs);
      }
    };
  }

  function closeIfUnused(): void {
    if (eventListeners.size > 0) return;
    source?.close();
    source = undefined;
    if (reopenTimer !== undefined) clearTimeout(reopenTimer);
    reopenTimer = undefined;
  }

  const verbs: TillVerbs = {
    snapshot: () => call('snapshot', null),
    charge: (input) => call('charge', input),
    cancel: (saleId) => call('cancel', saleId),
    voidSale: (saleId) => call('voidSale', saleId),
    dismiss: (saleId) => call('dismiss', saleId),
    history: (day) => call('history', day ?? null),
    exportCsv: (day) => call('exportCsv', day ?? null),
    saveSettings: (input) => call('saveSettings', input),
  };

  return {
    ...verbs,
    onEvent(listener) {
      eventListeners.add(listener);
      if (!source && reopenTimer === undefined) open();
      return () => {
        eventListeners.delete(listener);
        closeIfUnused();
      };
    },
    onStreamState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
