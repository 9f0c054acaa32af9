import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { basicAuthHeader } from '../common/http-json.js';
import { freePort } from '../test/support/ports.js';
import { hubConfigFor, partnerConfigFor, PASSWORDS } from '../test/support/stack-config.js';
import { HUB_NODE_FLAGS } from '../scripts/hub-node-flags.mjs';
import { startChild, waitForHealth, writeJson, type Child } from './processes.js';

export const AUTH = {
  retailer: basicAuthHeader({ username: 'till-01', password: PASSWORDS.retailer }),
  partner: basicAuthHeader({ username: 'demo-wallet', password: PASSWORDS.partner }),
  admin: basicAuthHeader({ username: 'operator', password: PASSWORDS.admin }),
};

export interface BenchStack {
  hubUrl: string;
  hub: Child;
  partner: Child;
  stop(): Promise<void>;
}

/** The built hub (npm run build; SQLite, synchronous=FULL) and the demo partner, each in its own process. */
export async function startBenchStack(options: { logLevel: 'warn' | 'info'; scanWindowSeconds?: number }): Promise<BenchStack> {
  const dir = mkdtempSync(join(tmpdir(), 'qrhub-bench-'));
  const [hubPort, partnerPort] = [await freePort(), await freePort()];
  const hubConfig = hubConfigFor(hubPort, partnerPort, join(dir, 'hub.sqlite'), {
    timeouts: { scanWindowSeconds: options.scanWindowSeconds ?? 30, partnerSeconds: 10 },
    saf: { retryInitialSeconds: 1, retryMaxSeconds: 10 },
  });
  // BENCH_HUB_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the hub process.
  const hubNodeArgs = [...HUB_NODE_FLAGS, ...(process.env.BENCH_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const hub = startChild('dist/hub.mjs', ['--config', writeJson(join(dir, 'hub.json'), { ...hubConfig, log: { level: options.logLevel } })], {}, hubNodeArgs);
  const partner = startChild('partner/main.ts', ['--config', writeJson(join(dir, 'partner.json'), {
    ...partnerConfigFor(partnerPort, hubPort), wallet: { balance: Number.MAX_SAFE_INTEGER, currency: '710' },
  })], { LOG_LEVEL: 'warn' }, process.env.BENCH_PARTNER_NODE_ARGS?.split(' ').filter(Boolean) ?? []);
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  await Promise.all([waitForHealth(hubUrl + '/health'), waitForHealth(`http://127.0.0.1:${partnerPort}/health`)]);
  return { hubUrl, hub, partner, stop: async () => void (await Promise.all([hub.stop(), partner.stop()])) };
}
