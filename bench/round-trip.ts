import { samplePaymentRequest } from '../test/support/fixtures.js';
import { freePort } from '../test/support/ports.js';
import { createClient } from './client.js';
import { startChild, waitForHealth } from './processes.js';
import { summary } from './stats.js';
import { AUTH } from './stack.js';

/**
 * The floor under any latency figure on this machine: one POST round trip to a bare Express echo server, one at a
 * time with the same 5 ms pauses as the scan-to-response measurement (an idle vCPU takes time to wake).
 */
export async function bareRoundTrip(samples: number) {
  const port = await freePort();
  const echo = startChild('bench/echo-server.ts', [String(port)]);
  const url = `http://127.0.0.1:${port}/payments`;
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`);
    const post = createClient(4);
    const body = samplePaymentRequest('0'.repeat(32));
    const times: number[] = [];
    for (let i = 0; i < samples + 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const started = performance.now();
      await post(url, body, AUTH.retailer);
      if (i >= 20) times.push(performance.now() - started);
    }
    return summary(times);
  } finally {
    await echo.stop();
  }
}
