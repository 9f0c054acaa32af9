import express, { type Express } from 'express';
import type { Logger } from '../common/logger.js';
import type { ClientRegistry } from './auth/client-registry.js';
import { accessLog } from './http/access-log.js';
import { errorHandler, notFound } from './http/middleware.js';
import { sendErrorOf, sendJson } from './http/respond.js';
import { docsRoutes } from './routes/docs-routes.js';
import { hubRoutes } from './routes/hub-routes.js';
import { qrRoutes } from './routes/qr-routes.js';
import type { AdviceService } from './services/advice-service.js';
import type { PaymentService } from './services/payment-service.js';
import type { QrCodeService } from './services/qr-code-service.js';
import type { ScanService } from './services/scan-service.js';
import type { TransactionQueries } from './services/transaction-queries.js';

export interface AppDeps {
  logger: Logger;
  registry: ClientRegistry;
  qrCodes: QrCodeService;
  payments: PaymentService;
  scans: ScanService;
  advices: AdviceService;
  queries: TransactionQueries;
  isReady: () => boolean;
  status: () => Record<string, unknown>;
  trackStream: (end: () => void) => () => void;
}

/** The hub's HTTP surface; no listen() here, so tests and the server share it. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  if (deps.logger.enabled('debug')) app.use(accessLog(deps.logger));
  app.get('/health', (_req, res) => {
    if (deps.isReady()) sendJson(res, 200, { status: 'ok' });
    else sendErrorOf(res, 503, 'UPSTREAM_UNAVAILABLE', 'Hub not ready');
  });
  app.use('/qr/v1', qrRoutes(deps));
  app.use('/hub/v1', hubRoutes(deps));
  app.use(docsRoutes(deps.logger)); // after the operations, which it would only slow down
  app.use(notFound());
  app.use(errorHandler(deps.logger));
  return app;
}
