import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../common/logger.js';
import { startPartner, type RunningPartner } from '../../partner/server.js';
import { parseHubConfig, type HubConfig } from '../../hub/config.js';
import { startHub, type RunningHub } from '../../hub/hub.js';
import {
  sampleCreateQrCodeRequest, samplePaymentRequest,
} from './fixtures.js';
import { call, type Credentials, type HttpAnswer } from './hub-client.js';
import { freePort } from './ports.js';
import { hubConfigFor, partnerConfigFor, PASSWORDS, type HubConfigOverrides } from './stack-config.js';
import type { CreateQrCodeRequest, PaymentRequest } from '../../protocol/index.js';

export const AUTH = {
  retailer: { username: 'till-01', password: PASSWORDS.retailer },
  otherRetailer: { username: 'till-02', password: PASSWORDS.otherRetailer },
  partner: { username: 'demo-wallet', password: PASSWORDS.partner },
  admin: { username: 'operator', password: PASSWORDS.admin },
} satisfies Record<string, Credentials>;

/** A real hub (SQLite in a temp folder) and the real demo partner, in this process, over loopback HTTP. */
export interface Stack {
  hub: RunningHub;
  partner: RunningPartner;
  config: HubConfig;
  dir: string;
  logs: string[];
  post(path: string, body: unknown, auth?: Credentials, signal?: AbortSignal): Promise<HttpAnswer>;
  get(path: string, auth?: Credentials): Promise<HttpAnswer>;
  /** createQrCode as till-01; returns the tranId and the QR payload. */
  createQr(overrides?: Partial<CreateQrCodeRequest>): Promise<{ tranId: string; qrCode: string; answer: HttpAnswer }>;
  /** A PaymentRequest for `tranId` as till-01 would send it, not sent. */
  startPayRequest(tranId: string, overrides?: Partial<PaymentRequest>): PaymentRequest;
  /** Starts a pay call without awaiting it (it is held until the scan). */
  startPay(tranId: string, overrides?: Partial<PaymentRequest>): { request: PaymentRequest; answer: Promise<HttpAnswer> };
  /** Waits until the hub holds this payment (its AWAITING_SCAN state is committed). */
  waitForState(tranId: string, state: string): Promise<void>;
  restartHub(): Promise<void>;
  /** Stops the hub (its port stays reserved for startHub). */
  stopHub(): Promise<void>;
  /** Starts the hub again on the same port and database after stopHub. */
  startHub(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(overrides: HubConfigOverrides = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'qrhub-test-'));
  const [hubPort, partnerPort] = [await freePort(), await freePort()];
  const logs: string[] = [];
  const config = parseHubConfig(hubConfigFor(hubPort, partnerPort, 'hub.sqlite', overrides), dir);
  const partner = await startPartner(partnerConfigFor(partnerPort, hubPort), { logger: createLogger({ level: 'silent' }) });
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  let hub = await startHub(config, { logger });
  let hubRunning = true;
  const base = () => hub.url;

  const stack: Stack = {
    get hub() {
      return hub;
    },
    partner,
    config,
    dir,
    logs,
    post: (path, body, auth = AUTH.retailer, signal) => call(base() + path, { body, auth, signal }),
    get: (path, auth = AUTH.retailer) => call(base() + path, { auth }),
    async createQr(qrOverrides = {}) {
      const answer = await stack.post('/qr/v1/qrCodes', sampleCreateQrCodeRequest(qrOverrides));
      if (answer.status !== 201) throw new Error(`createQrCode answered ${answer.status}: ${answer.text}`);
      return { tranId: answer.body.tranId, qrCode: answer.body.qrCode, answer };
    },
    startPayRequest: (tranId, payOverrides = {}) => samplePaymentRequest(tranId, payOverrides),
    startPay(tranId, payOverrides = {}) {
      const request = samplePaymentRequest(tranId, payOverrides);
      return { request, answer: stack.post('/qr/v1/payments', request) };
    },
    async waitForState(tranId, state) {
      for (let i = 0; i < 200; i++) {
        const view = await hub.store.readView({ tranId });
        if (view.payment?.state === state) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`payment of ${tranId} never reached ${state}`);
    },
    async restartHub() {
      if (hubRunning) await hub.stop();
      hub = await startHub(config, { logger });
      hubRunning = true;
    },
    async stopHub() {
      if (hubRunning) await hub.stop();
      hubRunning = false;
    },
    async startHub() {
      if (!hubRunning) hub = await startHub(config, { logger });
      hubRunning = true;
    },
    async close() {
      if (hubRunning) await hub.stop();
      await partner.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
