import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { sampleCreateQrCodeRequest, samplePaymentRequest } from '../test/support/fixtures.js';
import { createClient } from './client.js';
import { memoryOf } from './processes.js';
import { AUTH, type BenchStack } from './stack.js';

const RAMP_STEP = 500;

async function heldCount(stack: BenchStack): Promise<number> {
  const status = await fetch(stack.hubUrl + '/hub/v1/status', { headers: { authorization: AUTH.admin } });
  return ((await status.json()) as { heldPayments: number }).heldPayments;
}

/**
 * Opens `count` pay calls, each on its own connection, in steps of 500 (as tills would over a busy minute), and
 * reads the hub's peak RSS over the holding phase (the kernel's high-water mark is reset once the QR codes exist).
 */
export async function measureHeldPayments(stack: BenchStack, count: number, settleMs: number) {
  const pid = stack.hub.process.pid!;
  const post = createClient(64);
  const tranIds: string[] = [];
  for (let i = 0; i < count; i += 64) {
    const batch = await Promise.all(Array.from({ length: Math.min(64, count - i) }, () =>
      post(stack.hubUrl + '/qr/v1/qrCodes', sampleCreateQrCodeRequest(), AUTH.retailer)));
    tranIds.push(...batch.map((reply) => reply.body.tranId as string));
  }
  // Creating the QR codes is not part of holding payments: let the hub settle (its heap shrinks when idle) first.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const baseline = memoryOf(pid);
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const ownConnections = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const answers: Promise<number>[] = [];
  const started = performance.now();
  let held = 0;
  for (let step = 0; step < count; step += RAMP_STEP) {
    for (const tranId of tranIds.slice(step, step + RAMP_STEP)) answers.push(openPay(stack.hubUrl, tranId, ownConnections));
    const target = Math.min(count, step + RAMP_STEP);
    while (held < target && performance.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      held = await heldCount(stack);
    }
  }
  const secondsToHoldAll = (performance.now() - started) / 1000;
  const whileHeld = memoryOf(pid);
  const stopStarted = performance.now();
  await stack.hub.stop();
  const statuses = await Promise.all(answers);
  return {
    count, held, secondsToHoldAll,
    baselineRssMb: baseline.currentMb,
    peakRssMb: whileHeld.peakMb,
    rssWhileHeldMb: whileHeld.currentMb,
    shutdownSeconds: (performance.now() - stopStarted) / 1000,
    answeredNoScan: statuses.filter((status) => status === 400).length,
  };
}

function openPay(hubUrl: string, tranId: string, agent: http.Agent): Promise<number> {
  return new Promise<number>((resolve) => {
    const body = JSON.stringify(samplePaymentRequest(tranId));
    const request = http.request(hubUrl + '/qr/v1/payments', {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: AUTH.retailer },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });
}
