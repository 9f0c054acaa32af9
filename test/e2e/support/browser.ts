import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core: nothing is downloaded, and the page is watched for the things the
// till promises never to do (console errors, failed requests, requests to any other origin).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, failed requests and requests to foreign origins, in order. */
  problems: string[];
}

/** Opens the till page at `url`; `hash` picks a view, e.g. '#/customer' for the customer display. */
export async function openTill(browser: Browser, url: string, hash = ''): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(origin + '/') && !target.startsWith('data:') && !target.startsWith('blob:')) {
      problems.push(`foreign request: ${target}`);
    }
  });
  page.on('requestfailed', (request) => {
    // An event stream closed by navigation or by the test's own shutdown is not a page fault.
    if (!request.url().endsWith('/api/events')) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(`${url}/${hash}`);
  return { page, problems };
}
