import {
  sampleCreateQrCodeRequest, samplePaymentConfirmation, samplePaymentRequest, sampleScanNotification,
} from '../test/support/fixtures.js';
import type { Reply } from './client.js';
import { AUTH } from './stack.js';

// One complete flow against the hub: create, pay (held), scan, partner approval, confirm.

export type Post = (url: string, body: unknown, auth: string) => Promise<Reply>;

const DEMO_WALLET = { id: 'demo-wallet', name: 'Demo Wallet' };

export interface FlowTiming {
  tranId: string;
  requests: number;
  /** From sending the scan to receiving the pay response. */
  scanToResponseMs: number;
  /** From the scan's 202 reaching the partner to the pay response. */
  acceptedToResponseMs: number;
}

function expectStatus(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
}

export async function runFlow(post: Post, hubUrl: string, options: { settleMs?: number } = {}): Promise<FlowTiming> {
  const api = hubUrl + '/qr/v1';
  const created = await post(api + '/qrCodes', sampleCreateQrCodeRequest(), AUTH.retailer);
  expectStatus(created, 201, 'createQrCode');
  const tranId: string = created.body.tranId;
  const request = samplePaymentRequest(tranId);
  const paid = post(api + '/payments', request, AUTH.retailer);
  if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  let requests = 2;
  const scanSent = performance.now();
  // A scan can overtake its pay on another connection; a customer would simply scan again.
  for (;;) {
    requests++;
    const scan = await post(api + '/scans', sampleScanNotification(tranId, { partner: DEMO_WALLET, partnerPaymentToken: undefined }), AUTH.partner);
    if (scan.status === 202) break;
    if (scan.body?.errorType !== 'UNABLE_TO_LOCATE_RECORD') throw new Error(`scan answered ${scan.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const scanAccepted = performance.now();
  const payment = await paid;
  const answered = performance.now();
  const scanToResponseMs = answered - scanSent;
  const acceptedToResponseMs = answered - scanAccepted;
  expectStatus(payment, 201, 'pay');
  const confirmed = await post(api + '/payments/confirmations', samplePaymentConfirmation(request.id, {
    thirdPartyIdentifiers: payment.body.thirdPartyIdentifiers, tranId,
  }), AUTH.retailer);
  expectStatus(confirmed, 202, 'confirm');
  return { tranId, requests: requests + 1, scanToResponseMs, acceptedToResponseMs };
}

/** The baseline's equivalent: the same four bodies posted in sequence to an echo server. */
export async function runEchoFlow(post: Post, echoUrl: string): Promise<number> {
  const request = samplePaymentRequest('0'.repeat(32));
  await post(echoUrl + '/qrCodes', sampleCreateQrCodeRequest(), AUTH.retailer);
  await post(echoUrl + '/payments', request, AUTH.retailer);
  await post(echoUrl + '/scans', sampleScanNotification(request.tranId, { partner: DEMO_WALLET }), AUTH.partner);
  await post(echoUrl + '/payments/confirmations', samplePaymentConfirmation(request.id), AUTH.retailer);
  return 4;
}

/** Runs `flow` in `concurrency` loops for `durationMs`; returns flows and requests per second. */
export async function drive(concurrency: number, durationMs: number, flow: () => Promise<number>) {
  const end = performance.now() + durationMs;
  let flows = 0;
  let requests = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const sent = await flow();
      requests += sent;
      flows++;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { flows, requests, seconds, flowsPerSecond: flows / seconds, requestsPerSecond: requests / seconds };
}
