import http from 'node:http';
import https from 'node:https';

// A small JSON-over-HTTP client that tells apart the outcomes a payments client must treat differently:
// an answer, a failure before the request left (safe to call final), and a timeout or break after sending (unknown).

export interface BasicCredentials {
  username: string;
  password: string;
}

export type HttpOutcome =
  | { kind: 'response'; status: number; body: unknown; text: string }
  | { kind: 'not-sent'; code: string }
  | { kind: 'timeout' }
  | { kind: 'broken'; code: string };

export interface PostOptions {
  auth?: BasicCredentials;
  timeoutMs: number;
  agent?: http.Agent;
  maxResponseBytes?: number;
  /**
   * Called once the whole request has been handed to the operating system for sending ('finish'), i.e. from the
   * moment a failure can no longer be called "not sent". Never called for a not-sent outcome.
   */
  onSent?: () => void;
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

// Idle sockets are dropped after 4 s, before the usual 5 s server keep-alive timeout: a request sent on a socket the
// server is closing fails in a way that must be treated as "outcome unknown".
export const keepAliveAgents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 }),
};

export function basicAuthHeader({ username, password }: BasicCredentials): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

export function postJson(url: string, payload: unknown, options: PostOptions): Promise<HttpOutcome> {
  return requestJson('POST', url, payload, options);
}

export function getJson(url: string, options: Omit<PostOptions, 'onSent'>): Promise<HttpOutcome> {
  return requestJson('GET', url, undefined, options);
}

function requestJson(method: string, url: string, payload: unknown, options: PostOptions): Promise<HttpOutcome> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const body = payload === undefined ? undefined : Buffer.from(JSON.stringify(payload), 'utf8');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
  }
  if (options.auth) headers.authorization = basicAuthHeader(options.auth);
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  return new Promise<HttpOutcome>((resolve) => {
    let settled = false;
    let sent = false;
    const finish = (outcome: HttpOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = (secure ? https : http).request(target, {
      method,
      headers,
      agent: options.agent ?? (secure ? keepAliveAgents.https : keepAliveAgents.http),
    });
    const timer = setTimeout(() => {
      finish({ kind: 'timeout' });
      request.destroy();
    }, options.timeoutMs);
    request.on('socket', (socket) => {
      if (!socket.connecting) sent = true;
      else socket.once('connect', () => (sent = true));
    });
    if (options.onSent) {
      const onSent = options.onSent;
      request.once('finish', () => {
        if (!settled) onSent();
      });
    }
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'ERROR';
      finish(!sent && NOT_SENT_CODES.has(code) ? { kind: 'not-sent', code } : { kind: 'broken', code });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          finish({ kind: 'broken', code: 'RESPONSE_TOO_LARGE' });
        } else chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) => finish({ kind: 'broken', code: error.code ?? 'ERROR' }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        finish({ kind: 'response', status: response.statusCode ?? 0, body: parsed, text });
      });
    });
    request.end(body);
  });
}
