import http from 'node:http';
import https from 'node:https';
import { getJson, postJson, type HttpOutcome } from '../../common/http-json.js';
import type {
  CreateQrCodeRequest, PaymentConfirmation, PaymentRequest, PaymentReversal,
} from '../../protocol/index.js';
import type { TillSettings } from './settings.js';

// The retailer's calls to the hub (docs/protocol.md §1): POST JSON with HTTP Basic (user name = client.id) to
// `${hubUrl}/qr/v1/...`. Settings are read at each call, so a saved change applies to the next request (and to the
// outbox's next attempt).


export type AdviceKind = 'confirmation' | 'reversal';

export function hubBase(settings: Pick<TillSettings, 'hubUrl'>): string {
  return settings.hubUrl.replace(/\/+$/, '');
}

export class HubClient {
  // The engine's own agents, so close() can end whatever is still in flight. Idle pooled sockets are dropped after
  // 4 s, before the usual 5 s server keep-alive (as common/http-json does). A pay call is worth a fresh connection: one
  // sent on a pooled socket that the server is closing breaks after sending, an outcome the till must then reverse
  // although the hub never saw the payment.
  private readonly pooled = {
    http: new http.Agent({ keepAlive: true, timeout: 4000 }),
    https: new https.Agent({ keepAlive: true, timeout: 4000 }),
  };
  private readonly fresh = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

  constructor(private readonly settings: () => TillSettings) {}

  /** Ends every connection; calls still in flight end as "broken" (their sales are settled on the next open). */
  close(): void {
    for (const agent of [this.pooled.http, this.pooled.https, this.fresh.http, this.fresh.https]) agent.destroy();
  }

  private post(path: string, body: unknown, timeoutMs: number, extra: { onSent?: () => void; fresh?: boolean } = {})
    : Promise<HttpOutcome> {
    const settings = this.settings();
    const url = `${hubBase(settings)}/qr/v1${path}`;
    const secure = url.startsWith('https:');
    return postJson(url, body, {
      auth: { username: settings.clientId, password: settings.password },
      timeoutMs,
      agent: (extra.fresh ? this.fresh : this.pooled)[secure ? 'https' : 'http'],
      ...(extra.onSent ? { onSent: extra.onSent } : {}),
    });
  }

  createQrCode(request: CreateQrCodeRequest, timeoutMs: number): Promise<HttpOutcome> {
    return this.post('/qrCodes', request, timeoutMs);
  }

  /** `onSent` fires once the request has left: from then on, a missing answer means the outcome is unknown. */
  pay(request: PaymentRequest, timeoutMs: number, onSent: () => void): Promise<HttpOutcome> {
    return this.post('/payments', request, timeoutMs, { onSent, fresh: true });
  }

  advice(kind: AdviceKind, message: PaymentConfirmation | PaymentReversal, timeoutMs: number): Promise<HttpOutcome> {
    return this.post(kind === 'confirmation' ? '/payments/confirmations' : '/payments/reversals', message, timeoutMs);
  }

  /** The hub's view of one of this till's tranIds (GET /hub/v1/transactions/{tranId}): state and timeline. */
  transaction(tranId: string, timeoutMs: number): Promise<HttpOutcome> {
    const settings = this.settings();
    const url = `${hubBase(settings)}/hub/v1/transactions/${encodeURIComponent(tranId)}`;
    return getJson(url, {
      auth: { username: settings.clientId, password: settings.password },
      timeoutMs,
      agent: this.pooled[url.startsWith('https:') ? 'https' : 'http'],
    });
  }
}

/** "503 UPSTREAM_UNAVAILABLE", "timeout", "ECONNREFUSED": what the till shows the operator about an attempt. */
export function outcomeLabel(outcome: HttpOutcome): string {
  switch (outcome.kind) {
    case 'response': {
      const errorType = (outcome.body as { errorType?: unknown } | undefined)?.errorType;
      return typeof errorType === 'string' ? `${outcome.status} ${errorType}` : String(outcome.status);
    }
    case 'timeout':
      return 'timeout';
    default:
      return outcome.code;
  }
}

/** A GET to the hub (health, event stream); the caller handles the response and must destroy the request when done. */
export function hubGet(url: string, headers: Record<string, string>): http.ClientRequest {
  const request = (url.startsWith('https:') ? https : http).request(url, { method: 'GET', headers, agent: false });
  request.end();
  return request;
}
