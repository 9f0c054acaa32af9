import { cpus, totalmem } from 'node:os';
import { createClient } from './client.js';
import { runFlow, type FlowTiming } from './flows.js';
import { measureHeldPayments } from './held-payments.js';
import { bareRoundTrip } from './round-trip.js';
import { round, summary } from './stats.js';
import { AUTH, startBenchStack } from './stack.js';
import { measureThroughput } from './throughput.js';

// npm run bench: complete flows against a hub on SQLite (synchronous=FULL) and, in the same run, a bare Express
// echo server driven by the same client at the same concurrency. Figures go to docs/BENCHMARKS.md by hand.

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LATENCY_FLOWS = Number(process.env.BENCH_LATENCY_FLOWS ?? 300);
const HELD = Number(process.env.BENCH_HELD ?? 5000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);

function log(line: string): void {
  process.stdout.write(line + '\n');
}

/** The partner's round trip as the hub measured it, from the tranId's timeline (read after the timed part). */
async function partnerRoundTrip(hubUrl: string, tranId: string): Promise<number> {
  const answer = await fetch(`${hubUrl}/hub/v1/transactions/${tranId}`, { headers: { authorization: AUTH.retailer } });
  const timeline = (await answer.json()) as { events: { type: string; detail?: { partnerMs?: number } }[] };
  return timeline.events.find((event) => event.type === 'payment.approved')?.detail?.partnerMs ?? NaN;
}

async function scanToResponse() {
  const stack = await startBenchStack({ logLevel: 'info' });
  const post = createClient(4);
  const timings: (FlowTiming & { partnerMs: number })[] = [];
  try {
    for (let i = 0; i < 20; i++) await runFlow(post, stack.hubUrl, { settleMs: 5 });
    for (let i = 0; i < LATENCY_FLOWS; i++) {
      const timing = await runFlow(post, stack.hubUrl, { settleMs: 5 });
      timings.push({ ...timing, partnerMs: await partnerRoundTrip(stack.hubUrl, timing.tranId) });
    }
  } finally {
    await stack.stop();
  }
  const minusPartner = (ms: (t: FlowTiming) => number) => summary(timings.map((t) => ms(t) - t.partnerMs).filter(Number.isFinite));
  return {
    total: summary(timings.map((t) => t.scanToResponseMs)),
    partner: summary(timings.map((t) => t.partnerMs).filter(Number.isFinite)),
    overhead: minusPartner((t) => t.scanToResponseMs),
    afterAccepted: minusPartner((t) => t.acceptedToResponseMs),
  };
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${round(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`;
log(`machine: ${machine}`);
log(`concurrency ${CONCURRENCY}; ${ROUNDS} alternating rounds of ${DURATION_MS / 1000} s each for bare Express and the hub`);

const throughput = await measureThroughput(CONCURRENCY, DURATION_MS, ROUNDS);
throughput.rounds.forEach((r, i) => log(`round ${i + 1}: bare Express ${round(r.echoRps, 0)} req/s, hub ${round(r.hubRps, 0)} req/s (${round(r.hubFlowsPerSecond, 1)} flows/s)`));
log(`median: bare Express echo ${round(throughput.echoRps, 0)} req/s; hub ${round(throughput.hubFlowsPerSecond, 1)} flows/s = ${round(throughput.hubRps, 0)} hub req/s`);
log(`hub / bare Express: ${round(throughput.ratio * 100, 1)} % (target ≥ 35 %)`);

const latency = await scanToResponse();
const floor = await bareRoundTrip(LATENCY_FLOWS);
log(`scan → pay response, one flow at a time (${latency.total.n} flows): p50 ${round(latency.total.p50)} ms, p99 ${round(latency.total.p99)} ms`);
log(`partner round trip seen by the hub: p50 ${round(latency.partner.p50)} ms, p99 ${round(latency.partner.p99)} ms`);
log(`hub overhead, scan sent → pay response, minus partner round trip: p50 ${round(latency.overhead.p50)} ms, p99 ${round(latency.overhead.p99)} ms (target p99 < 5 ms)`);
log(`hub overhead, scan 202 received → pay response, minus partner round trip: p50 ${round(latency.afterAccepted.p50)} ms, p99 ${round(latency.afterAccepted.p99)} ms`);
log(`for scale, one POST round trip to bare Express under the same pauses: p50 ${round(floor.p50)} ms, p99 ${round(floor.p99)} ms`);

const heldStack = await startBenchStack({ logLevel: 'warn', scanWindowSeconds: 600 });
const held = await measureHeldPayments(heldStack, HELD, SETTLE_MS);
await heldStack.stop();
log(`${held.held}/${held.count} payments held on their own connections (opened 500 at a time, all held after ${round(held.secondsToHoldAll, 1)} s): hub peak RSS ${round(held.peakRssMb, 1)} MB (RSS before ${round(held.baselineRssMb, 1)} MB; target < 200 MB)`);
log(`SIGTERM with ${held.held} held: stopped in ${round(held.shutdownSeconds, 2)} s, ${held.answeredNoScan} answered 400 NO_SCAN_RECEIVED`);
process.exit(0);
