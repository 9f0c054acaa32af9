import http from 'node:http';
import { sampleCreateQrCodeRequest, samplePaymentRequest } from '../test/support/fixtures.js';
import { createClient } from './client.js';
import { memoryOf } from './processes.js';
import { AUTH, type BenchStack } from './stack.js';

/** Opens `count` pay calls, each on its own connection, and reads the hub's peak RSS while they are all held. */
export async function measureHeldPayments(stack: BenchStack, count: number) {
  const post = createClient(64);
  const tranIds: string[] = [];
  for (let i = 0; i < count; i += 64) {
    const batch = await Promise.all(Array.from({ length: Math.min(64, count - i) }, () =>
      post(stack.hubUrl + '/qr/v1/qrCodes', sampleCreateQrCodeRequest(), AUTH.retailer)));
    tranIds.push(...batch.map((reply) => reply.body.tranId as string));
  }
  const baseline = memoryOf(stack.hub.process.pid!);
  const ownConnections = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const answers = tranIds.map((tranId) => new Promise<number>((resolve) => {
    const body = JSON.stringify(samplePaymentRequest(tranId));
    const request = http.request(stack.hubUrl + '/qr/v1/payments', {
      method: 'POST', agent: ownConnections,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: AUTH.retailer },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  }));
  const started = performance.now();
  let held = 0;
  while (held < count && performance.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const status = await fetch(stack.hubUrl + '/hub/v1/status', { headers: { authorization: AUTH.admin } });
    held = ((await status.json()) as { heldPayments: number }).heldPayments;
  }
  const secondsToHoldAll = (performance.now() - started) / 1000;
  const whileHeld = memoryOf(stack.hub.process.pid!);
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
