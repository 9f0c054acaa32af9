import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import type { Logger } from '../common/logger.js';
import { BehaviourUpdate } from './behaviour.js';
import { ScanError } from './scanner.js';
import type { PartnerState } from './state.js';

// The demo control API under /demo. It has no authentication, so it only answers loopback clients: anyone who can
// reach it could move the wallet's money or impersonate the partner towards the hub.

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

const loopbackOnly: RequestHandler = (req, res, next) => {
  if (isLoopbackAddress(req.socket.remoteAddress)) next();
  else res.status(403).json({ error: 'the demo control API only answers loopback clients' });
};

export function controlRouter(state: PartnerState, logger: Logger): Router {
  const router = Router();
  router.use(loopbackOnly);
  router.use(express.json({ limit: '1mb' }));

  router.get('/ledger', (_req, res) => {
    res.json(state.ledger.snapshot());
  });

  router.get('/requests', (_req, res) => {
    res.json(state.requestLog.list());
  });

  router.get('/behaviour', (_req, res) => {
    res.json(state.behaviours.current());
  });

  router.put('/behaviour', (req, res) => {
    const update = BehaviourUpdate.safeParse(req.body);
    if (!update.success) {
      res.status(400).json({ error: 'invalid behaviour', issues: update.error.issues.map(describe) });
      return;
    }
    state.behaviours.set(update.data);
    logger.info('behaviour changed', { behaviour: state.behaviours.current() });
    res.json(state.behaviours.current());
  });

  router.post('/scan', async (req, res) => {
    try {
      res.json(await state.scanner.scan(req.body ?? {}));
    } catch (error) {
      if (!(error instanceof ScanError)) throw error;
      res.status(error.status).json({ error: error.message });
    }
  });

  router.post('/reset', (_req, res) => {
    state.reset();
    logger.info('partner state reset');
    res.json({ status: 'reset' });
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'no such control endpoint' });
  });
  router.use(controlErrorHandler(logger));
  return router;
}

function describe(issue: { path: PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`;
}

function controlErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: (error as Error).message });
      return;
    }
    logger.error('control API failure', { error });
    res.status(500).json({ error: 'unexpected failure' });
  };
}
