import autocannon from 'autocannon';
import { cpus, totalmem } from 'node:os';
import { sampleCreateQrCodeRequest } from '../test/support/fixtures.js';
import { freePort } from '../test/support/ports.js';
import { createClient } from './client.js';
import { drive, runEchoFlow, runFlow } from './flows.js';
import { measureHeldPayments } from './held-payments.js';
import { startChild, waitForHealth } from './processes.js';
import { round, summary } from './stats.js';
import { AUTH, startBenchStack } from './stack.js';

// npm run bench: complete flows against a hub on SQLite (synchronous=FULL) and, in the same run, a bare Express
// echo server driven by the same client at the same concurrency. Figures go to docs/BENCHMARKS.md by hand.

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const LATENCY_FLOWS = Number(process.env.BENCH_LATENCY_FLOWS ?? 300);
const HELD = Number(process.env.BENCH_HELD ?? 5000);

function log(line: string): void {
  process.stdout.write(line + '\n');
}

async function echoBaseline() {
  const port = await freePort();
  const echo = startChild('bench/echo-server.ts', [String(port)]);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url + '/health');
  const post = createClient(CONCURRENCY * 2);
  await drive(CONCURRENCY, 2000, () => runEchoFlow(post, url));
  const sameClient = await drive(CONCURRENCY, DURATION_MS, () => runEchoFlow(post, url));
  const cannon = await autocannon({
    url: url + '/payments', connections: CONCURRENCY, duration: DURATION_MS / 1000, method: 'POST',
    headers: { 'content-type': 'application/json', authorization: AUTH.retailer }, body: JSON.stringify(sampleCreateQrCodeRequest()),
  });
  await echo.stop();
  return { sameClient, autocannonRps: cannon.requests.average };
}

async function hubThroughput() {
  const stack = await startBenchStack({ logLevel: 'warn' });
  const post = createClient(CONCURRENCY * 3);
  try {
    await drive(CONCURRENCY, 2000, async () => (await runFlow(post, stack.hubUrl)).requests);
    return await drive(CONCURRENCY, DURATION_MS, async () => (await runFlow(post, stack.hubUrl)).requests);
  } finally {
    await stack.stop();
  }
}

async function scanToResponse() {
  const stack = await startBenchStack({ logLevel: 'info' });
  const post = createClient(4);
  const timings = [];
  try {
    for (let i = 0; i < 20; i++) await runFlow(post, stack.hubUrl, { settleMs: 5 });
    for (let i = 0; i < LATENCY_FLOWS; i++) timings.push(await runFlow(post, stack.hubUrl, { settleMs: 5 }));
  } finally {
    await stack.stop();
  }
  const partnerMs = new Map<string, number>();
  for (const line of stack.hub.lines) {
    if (!line.includes('partner pay answered')) continue;
    const record = JSON.parse(line) as { tranId: string; ms: number };
    partnerMs.set(record.tranId, record.ms);
  }
  const overhead = timings.map((t) => t.scanToResponseMs - (partnerMs.get(t.tranId) ?? NaN)).filter(Number.isFinite);
  return {
    total: summary(timings.map((t) => t.scanToResponseMs)),
    partner: summary(timings.map((t) => partnerMs.get(t.tranId) ?? NaN).filter(Number.isFinite)),
    overhead: summary(overhead),
  };
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`;
log(`machine: ${machine}`);
log(`concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s per measurement`);

const echo = await echoBaseline();
log(`bare Express echo (same client): ${round(echo.sameClient.requestsPerSecond, 0)} req/s; autocannon: ${round(echo.autocannonRps, 0)} req/s`);
const hub = await hubThroughput();
const ratio = hub.requestsPerSecond / echo.sameClient.requestsPerSecond;
log(`hub flows: ${round(hub.flowsPerSecond, 1)} flows/s (${hub.flows} flows), ${round(hub.requestsPerSecond, 0)} hub req/s`);
log(`hub / bare Express: ${round(ratio * 100, 1)} % (target ≥ 35 %); vs autocannon figure: ${round((hub.requestsPerSecond / echo.autocannonRps) * 100, 1)} %`);

const latency = await scanToResponse();
log(`scan → pay response, one flow at a time (${latency.total.n} flows): p50 ${round(latency.total.p50)} ms, p99 ${round(latency.total.p99)} ms`);
log(`partner round trip seen by the hub: p50 ${round(latency.partner.p50)} ms, p99 ${round(latency.partner.p99)} ms`);
log(`hub overhead (scan → response minus partner round trip): p50 ${round(latency.overhead.p50)} ms, p99 ${round(latency.overhead.p99)} ms (target p99 < 5 ms)`);

const heldStack = await startBenchStack({ logLevel: 'warn', scanWindowSeconds: 600 });
const held = await measureHeldPayments(heldStack, HELD);
await heldStack.stop();
log(`${held.held}/${held.count} payments held on their own connections after ${round(held.secondsToHoldAll, 1)} s: hub peak RSS ${round(held.peakRssMb, 1)} MB (RSS before ${round(held.baselineRssMb, 1)} MB; target < 200 MB)`);
log(`SIGTERM with ${held.held} held: stopped in ${round(held.shutdownSeconds, 2)} s, ${held.answeredNoScan} answered 400 NO_SCAN_RECEIVED`);
process.exit(0);
