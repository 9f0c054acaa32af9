import { join } from 'node:path';
import { Router, type Response } from 'express';
import type { Logger } from '../../common/logger.js';
import { locateApiDocs, VIEWER_FILES } from '../http/api-docs.js';
import { sendErrorOf, sendJson } from '../http/respond.js';

// GET /openapi.json (the hub's OpenAPI 3.1 document) and GET /docs/ (a readable rendering of it with Swagger UI),
// both without authentication. The page loads nothing from another origin: the viewer's files come from the hub.

/**
 * Swagger UI 5 needs no eval, no inline script (its start-up is /docs/init.js) and no inline style: its stylesheet is
 * a file, and the styles React gives its components are set through the CSSOM, which style-src does not govern.
 * test/e2e/api-docs.test.ts checks in Chromium that rendering and expanding operations raises no violation.
 * img-src allows data: for the icons inlined in swagger-ui.css (and the page's empty favicon).
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>QR Till hub API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="QR Till hub API"><p>Loading the API description…</p></main>
<noscript><p>This page needs JavaScript. The description itself is at <a href="../openapi.json">/openapi.json</a>.</p></noscript>
<script src="swagger-ui-bundle.js"></script>
<script src="init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io. "Try it out" is offered
// for the read-only GET endpoints only: a POST from here would create real codes and payments.
const INIT = `window.ui = SwaggerUIBundle({
  url: '../openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  layout: 'BaseLayout',
  presets: [SwaggerUIBundle.presets.apis],
  supportedSubmitMethods: ['get'],
  displayOperationId: true,
});
`;

const TYPES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

function docsHeaders(res: Response, type: string): void {
  res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Type', type);
}

export function docsRoutes(logger: Logger): Router {
  const router = Router({ strict: true, caseSensitive: true });
  const docs = locateApiDocs();
  if (!docs) {
    logger.warn('API description not installed: /openapi.json and /docs/ answer 503 (run scripts/build.mjs)');
    const missing = (_req: unknown, res: Response) => sendErrorOf(res, 503, 'FUNCTION_NOT_SUPPORTED', 'API description not installed');
    router.get(['/openapi.json', '/docs', '/docs/'], missing);
    return router;
  }

  router.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    sendJson(res, 200, docs.document);
  });
  // Relative, so the redirect also holds behind a proxy that serves the hub under a path prefix.
  router.get('/docs', (_req, res) => res.redirect(301, 'docs/'));
  router.get('/docs/', (_req, res) => {
    docsHeaders(res, 'text/html; charset=utf-8');
    res.end(PAGE);
  });
  router.get('/docs/init.js', (_req, res) => {
    docsHeaders(res, 'text/javascript; charset=utf-8');
    res.end(INIT);
  });
  for (const file of VIEWER_FILES) {
    router.get(`/docs/${file}`, (_req, res, next) => {
      docsHeaders(res, TYPES[file]!);
      res.sendFile(join(docs.viewerDir, file), { headers: { 'Content-Type': TYPES[file]! } }, (error) => error && next(error));
    });
  }
  return router;
}
