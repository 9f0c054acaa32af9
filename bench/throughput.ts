import { freePort } from '../test/support/ports.js';
import { createClient } from './client.js';
import { drive, runEchoFlow, runFlow } from './flows.js';
import { startChild, waitForHealth } from './processes.js';
import { startBenchStack } from './stack.js';

// Hub and bare-Express throughput, measured in alternating rounds (this VM's speed drifts by tens of percent within
// a minute, so one measurement of each would compare two different machines); the medians are compared.

export interface ThroughputResult {
  rounds: { echoRps: number; hubRps: number; hubFlowsPerSecond: number }[];
  echoRps: number;
  hubRps: number;
  hubFlowsPerSecond: number;
  /** Median of the rounds' hub/echo ratios. */
  ratio: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function measureThroughput(concurrency: number, durationMs: number, rounds: number): Promise<ThroughputResult> {
  const port = await freePort();
  const echo = startChild('bench/echo-server.ts', [String(port)]);
  const echoUrl = `http://127.0.0.1:${port}`;
  const stack = await startBenchStack({ logLevel: 'warn' });
  const echoPost = createClient(concurrency * 2);
  const hubPost = createClient(concurrency * 3);
  const echoFlow = () => runEchoFlow(echoPost, echoUrl);
  const hubFlow = async () => (await runFlow(hubPost, stack.hubUrl)).requests;
  try {
    await waitForHealth(echoUrl + '/health');
    await drive(concurrency, 3000, echoFlow);
    await drive(concurrency, 5000, hubFlow);
    const results = [];
    for (let round = 0; round < rounds; round++) {
      const echoRun = await drive(concurrency, durationMs, echoFlow);
      const hubRun = await drive(concurrency, durationMs, hubFlow);
      results.push({ echoRps: echoRun.requestsPerSecond, hubRps: hubRun.requestsPerSecond, hubFlowsPerSecond: hubRun.flowsPerSecond });
    }
    return {
      rounds: results,
      echoRps: median(results.map((r) => r.echoRps)),
      hubRps: median(results.map((r) => r.hubRps)),
      hubFlowsPerSecond: median(results.map((r) => r.hubFlowsPerSecond)),
      // Each round's two runs are seconds apart, so their ratio is the least disturbed by the VM's drift.
      ratio: median(results.map((r) => r.hubRps / r.echoRps)),
    };
  } finally {
    await Promise.all([echo.stop(), stack.stop()]);
  }
}
