import { basicAuthHeader } from '../../common/http-json.js';

// A thin HTTP client for tests: real requests to the real hub, answers kept raw for assertions.

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface Credentials {
  username: string;
  password: string;
}

export async function call(url: string, options: { method?: string; body?: unknown; rawBody?: string;
  auth?: Credentials; headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = basicAuthHeader(options.auth);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: options.signal });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}
