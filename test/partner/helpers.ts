import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger, type Logger } from '../../common/logger.js';
import {
  newTranId, newUuid, nowIso, type PaymentConfirmation, type PaymentRequest, type PaymentReversal,
} from '../../protocol/index.js';
import type { PartnerConfigInput } from '../../partner/config.js';
import { startPartner, type RunningPartner } from '../../partner/server.js';

export const HUB_CLIENT = { username: 'qrhub', password: 'qrhub-secret' };
export const PARTNER_AT_HUB = { username: 'demo-wallet', password: 'demo-wallet-secret' };
export const PROVIDER_ID = 'za.co.qrtill';

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }), lines };
}

export function partnerConfig(overrides: Partial<PartnerConfigInput> = {}): PartnerConfigInput {
  return {
    listen: { host: '127.0.0.1', port: 0 },
    partner: { id: 'demo-wallet', name: 'Demo Wallet' },
    hub: { url: 'http://127.0.0.1:9/qr/v1', ...PARTNER_AT_HUB, providerId: PROVIDER_ID },
    clients: [HUB_CLIENT],
    wallet: { balance: 100_000, currency: '710' },
    timeouts: { hubSeconds: 2 },
    ...overrides,
  };
}

export async function startTestPartner(overrides: Partial<PartnerConfigInput> = {}): Promise<RunningPartner & CapturedLogger> {
  const captured = captureLogger();
  const partner = await startPartner(partnerConfig(overrides), { logger: captured.logger });
  return Object.assign(partner, captured);
}

export interface HttpAnswer {
  status: number;
  body: any;
  text: string;
}

export interface CallOptions {
  auth?: { username: string; password: string } | null;
  contentType?: string;
  raw?: string;
  method?: string;
  signal?: AbortSignal;
}

/** Calls the partner like the hub would: Basic auth as the hub's client unless told otherwise. */
export async function call(url: string, body?: unknown, options: CallOptions = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? HUB_CLIENT : options.auth;
  if (auth) headers.authorization = 'Basic ' + Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(url, { method: options.method ?? (payload === undefined ? 'GET' : 'POST'), headers,
    body: payload, signal: options.signal });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

export function paymentRequest(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    id: newUuid(),
    time: nowIso(),
    originator: {
      institution: { id: 'qr-till', name: 'QR Till' },
      terminalId: 'TERM0001',
      merchant: {
        merchantType: '5411',
        merchantId: 'MERCHANT0000001',
        merchantName: { name: 'Corner Shop', city: 'Cape Town', region: 'WC', country: 'ZA' },
      },
    },
    client: { id: 'qrhub', name: 'QR Hub' },
    thirdPartyIdentifiers: [{ institutionId: 'qr-till', transactionIdentifier: 'POS-1' }],
    amounts: { requestAmount: { amount: 2_500, currency: '710' } },
    tranId: newTranId(),
    stan: '000123',
    rrn: '000000000123',
    basketRef: 'BASKET-9',
    tranType: 'GOODS_AND_SERVICES',
    ...overrides,
  };
}

export function confirmation(payment: PaymentRequest, overrides: Partial<PaymentConfirmation> = {}): PaymentConfirmation {
  return {
    id: newUuid(),
    requestId: payment.id,
    time: nowIso(),
    thirdPartyIdentifiers: payment.thirdPartyIdentifiers,
    tranId: payment.tranId,
    ...overrides,
  };
}

export function reversal(payment: PaymentRequest, overrides: Partial<PaymentReversal> = {}): PaymentReversal {
  return { ...confirmation(payment), reversalReason: 'CANCELLED', ...overrides };
}

export interface FakeHubCall {
  authorization: string | undefined;
  contentType: string | undefined;
  body: any;
}

export interface FakeHub {
  /** The hub's API base, e.g. http://127.0.0.1:PORT/qr/v1 */
  url: string;
  scans: FakeHubCall[];
  /** What the next scans get; 202 with no body unless changed. */
  answer: { status: number; body?: unknown; delayMs?: number };
  close(): Promise<void>;
}

export async function startFakeHub(): Promise<FakeHub> {
  const scans: FakeHubCall[] = [];
  const hub: FakeHub = { url: '', scans, answer: { status: 202 }, close: async () => undefined };
  const app = express();
  app.post('/qr/v1/scans', express.json(), async (req, res) => {
    scans.push({ authorization: req.headers.authorization, contentType: req.headers['content-type'], body: req.body });
    const { status, body, delayMs } = hub.answer;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (body === undefined) res.status(status).end();
    else res.status(status).json(body);
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qr/v1`;
  hub.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return hub;
}

export function basicAuth({ username, password }: { username: string; password: string }): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}
