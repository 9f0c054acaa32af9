import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCS_CONTENT_SECURITY_POLICY } from '../../hub/routes/docs-routes.js';
import { openApiDocument } from '../support/openapi.js';
import { startStack, type Stack } from '../support/stack.js';
import { launchChromium, openTill } from './support/browser.js';

// The hub's /docs/ page in Debian's Chromium: Swagger UI from the hub itself renders our OpenAPI document, under a
// strict CSP, with no console error, no CSP violation and no request to another origin.

const OPERATIONS = ['createQrCode', 'notifyScan', 'pay', 'confirmPayment', 'reversePayment', 'getTransaction',
  'followTransaction', 'getSafQueue', 'getStatus', 'getHealth'];

describe('GET /docs/ in Chromium', () => {
  let browser: Browser;
  let stack: Stack;
  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('serves /openapi.json without authentication: the document of docs/openapi.yaml', async () => {
    const answer = await fetch(`${stack.hub.url}/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await answer.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('serves the page and the viewer under a CSP without eval, inline scripts or other origins', async () => {
    for (const path of ['/docs/', '/docs/init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      const answer = await fetch(`${stack.hub.url}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-security-policy'), path).toBe(DOCS_CONTENT_SECURITY_POLICY);
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(DOCS_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    const redirect = await fetch(`${stack.hub.url}/docs`, { redirect: 'manual' });
    // Relative, so it also holds behind a path prefix; from /docs it resolves to /docs/.
    expect({ status: redirect.status, location: redirect.headers.get('location') }).toEqual({ status: 301, location: 'docs/' });
    expect(new URL(redirect.headers.get('location')!, `${stack.hub.url}/docs`).pathname).toBe('/docs/');
  });

  it('renders every operation, with no console error, CSP violation or request to another origin', async () => {
    const { page, problems } = await openTill(browser, `${stack.hub.url}/docs`);
    try {
      await page.getByRole('heading', { name: /QR Till hub/ }).first().waitFor();
      for (const operationId of OPERATIONS) {
        await page.locator('.opblock-summary-operation-id', { hasText: new RegExp(`^${operationId}$`) }).waitFor();
      }
      expect(await page.locator('.opblock').count()).toBe(OPERATIONS.length);
      // Violations while operations and models are expanded (those at load are console errors, caught above).
      await page.evaluate(`window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI))`);
      // Keyboard: the operation's summary is a button that Enter expands.
      await page.getByRole('main', { name: 'QR Till hub API' }).waitFor();
      const pay = page.locator('.opblock', { has: page.locator('.opblock-summary-operation-id', { hasText: /^pay$/ }) });
      const toggle = pay.locator('button[aria-expanded]').first();
      await toggle.focus();
      await page.keyboard.press('Enter');
      await pay.locator('button[aria-expanded="true"]').first().waitFor();
      await page.getByText('Approved by the partner.', { exact: false }).first().waitFor();
      await page.locator('.opblock-body .highlight-code').first().waitFor();
      const model = page.locator('section.models article', { hasText: /^CreateQrCodeRequest/ }).first();
      await model.getByRole('button', { name: 'Expand all' }).click();
      await model.getByText('expiryDate', { exact: true }).first().waitFor();
      expect(await page.evaluate('window.violations')).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
