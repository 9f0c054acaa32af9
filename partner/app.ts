import express, { type Express } from 'express';
import type { Logger } from '../common/logger.js';
import type { PartnerConfig } from './config.js';
import { controlRouter } from './control-api.js';
import { partnerOperationsRouter } from './operations.js';
import { PartnerState } from './state.js';

export const API_BASE_PATH = '/qr/v1';
export const CONTROL_BASE_PATH = '/demo';

export interface PartnerAppDeps {
  config: PartnerConfig;
  logger: Logger;
}

export interface PartnerApp {
  app: Express;
  state: PartnerState;
}

/** The partner's HTTP application, not yet listening. */
export function createPartnerApp({ config, logger }: PartnerAppDeps): PartnerApp {
  const state = new PartnerState(config, logger);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(API_BASE_PATH, partnerOperationsRouter({
    partner: config.partner,
    clients: config.clients,
    ledger: state.ledger,
    behaviours: state.behaviours,
    requestLog: state.requestLog,
    pending: state.pending,
    issuedToken: (tranId) => state.scanner.issuedToken(tranId),
    logger,
  }));
  app.use(CONTROL_BASE_PATH, controlRouter(state, logger));
  return { app, state };
}
