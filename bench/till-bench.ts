import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../common/logger.js';
import { openTillEngine } from '../electron/pos/till-engine.js';
import { startTillService } from '../till-service/server.js';
import { launchChromium } from '../test/e2e/support/browser.js';
import { tillSettingsFor } from '../test/e2e/support/till-web-stack.js';
import { ROOT } from './processes.js';
import { AUTH, startBenchStack } from './stack.js';
import { round, summary } from './stats.js';

// npm run bench:till: how long a cashier waits from pressing Charge to the QR on screen (browser mode in Debian's
// Chromium; the built hub on SQLite and the demo partner in their own processes, all on this machine), how long a
// cancel's reversal takes from Esc to the hub, and the size of the renderer's JavaScript as a browser downloads it
// (gzipped).

const SALES = Number(process.env.BENCH_SALES ?? 50);
const WARMUP = 3;

// Runs in the page: the Enter keydown that charges, and the first frame after the QR image has loaded.
const PROBE = `
  window.__bench = {};
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target && event.target.getAttribute && event.target.getAttribute('aria-label') !== 'New sale') {
      window.__bench = { pressedAt: performance.now() };
    }
  }, true);
  new MutationObserver(() => {
    const img = document.querySelector('img[alt="Payment QR code"]');
    if (!img || window.__bench.shownAt || window.__bench.watching || window.__bench.pressedAt === undefined) return;
    window.__bench.watching = true;
    const painted = () => requestAnimationFrame(() => { window.__bench.shownAt = performance.now(); });
    if (img.complete && img.naturalWidth > 0) painted(); else img.addEventListener('load', painted, { once: true });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
`;

interface Probe { __bench: { pressedAt: number; shownAt: number } }

/** When the hub recorded the till's reversal of this sale (the hub's clock is this machine's). */
async function reversalReceivedAt(hubUrl: string, tranId: string): Promise<number> {
  for (let i = 0; i < 1000; i++) {
    const response = await fetch(`${hubUrl}/hub/v1/transactions/${tranId}`, { headers: { authorization: AUTH.admin } });
    const { events } = (await response.json()) as { events: { type: string; at: string }[] };
    const received = events.find((event) => event.type === 'advice.received');
    if (received) return Date.parse(received.at);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the reversal of ${tranId} never reached the hub`);
}

function rendererJsSize(): { files: number; rawKb: number; gzipKb: number } {
  const assets = join(ROOT, 'dist', 'renderer', 'assets');
  const scripts = readdirSync(assets).filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(assets, file)));
  const raw = scripts.reduce((sum, file) => sum + file.length, 0);
  const gzip = scripts.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
  return { files: scripts.length, rawKb: round(raw / 1024, 1), gzipKb: round(gzip / 1024, 1) };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ logLevel: 'warn', scanWindowSeconds: 30 });
  const dataDir = mkdtempSync(join(tmpdir(), 'qrtill-bench-'));
  const settings = tillSettingsFor(stack.hubUrl, { scanWindowSeconds: 30, partnerSeconds: 10 });
  const engine = await openTillEngine({ dataDir, settings, logger: createLogger({ level: 'silent' }) });
  const service = await startTillService({ engine, staticDir: join(ROOT, 'dist', 'renderer'), host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.addInitScript(PROBE);
  await page.goto(service.url + '/');
  const amount = page.getByRole('textbox', { name: 'Amount', exact: true });

  const timings: number[] = [];
  const cancelTimings: number[] = [];
  try {
    for (let sale = 0; sale < WARMUP + SALES; sale++) {
      await amount.waitFor();
      await amount.fill(`${10 + sale}.50`);
      await amount.press('Enter');
      // Functions, not strings, and self-contained: they are serialised into the page, whose CSP forbids eval.
      await page.waitForFunction(() => (globalThis as unknown as Probe).__bench.shownAt !== undefined);
      const { pressedAt, shownAt } = await page.evaluate(() => (globalThis as unknown as Probe).__bench);
      if (sale >= WARMUP) timings.push(shownAt - pressedAt);
      const snapshot = await engine.snapshot();
      const tranId = snapshot.ok ? snapshot.value.current?.tranId : undefined;
      if (!tranId) throw new Error('no sale with a tranId on screen');
      const escAt = Date.now();
      await page.keyboard.press('Escape');
      await page.getByRole('heading', { name: /^Not completed/ }).waitFor();
      if (sale >= WARMUP) cancelTimings.push((await reversalReceivedAt(stack.hubUrl, tranId)) - escAt);
      await page.getByRole('button', { name: 'New sale' }).press('Enter');
    }
  } finally {
    await browser.close();
    await service.close();
    await engine.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const charge = summary(timings);
  const cancel = summary(cancelTimings);
  const size = rendererJsSize();
  console.log(JSON.stringify({ sales: charge.n, chargeToQrMs: { p50: round(charge.p50, 1), p95: round(charge.p95, 1), max: round(charge.max, 1) },
    escToReversalAtHubMs: { p50: round(cancel.p50, 1), p95: round(cancel.p95, 1), max: round(cancel.max, 1) }, rendererJs: size }, null, 2));
  console.log(`Charge → QR on screen over ${charge.n} sales: p50 ${round(charge.p50, 1)} ms, p95 ${round(charge.p95, 1)} ms (target p50 ≤ 150 ms)`);
  console.log(`Esc → the reversal at the hub over ${cancel.n} sales: p50 ${round(cancel.p50, 1)} ms, p95 ${round(cancel.p95, 1)} ms (target max < 1 s)`);
  console.log(`Renderer JavaScript: ${size.rawKb} KB raw, ${size.gzipKb} KB gzipped in ${size.files} file(s) (target < 200 KB gzipped)`);
}

await main();
