import { Router, type Request, type Response } from 'express';
import type { ClientRegistry } from '../auth/client-registry.js';
import { authenticate, authenticatedClient } from '../http/authenticate.js';
import { sendJson } from '../http/respond.js';
import type { TransactionQueries } from '../services/transaction-queries.js';

const HEARTBEAT_MS = 15_000;

export interface HubRouteDeps {
  registry: ClientRegistry;
  queries: TransactionQueries;
  status: () => Record<string, unknown>;
  /** Called with a function that ends every open event stream (graceful shutdown). */
  trackStream: (end: () => void) => () => void;
}

/** Operator and till endpoints under /hub/v1: a tranId's timeline, as JSON and as a server-sent event stream. */
export function hubRoutes(deps: HubRouteDeps): Router {
  const router = Router({ strict: true });
  const reader = authenticate(deps.registry, ['retailer', 'admin']);

  router.get('/transactions/:tranId', reader, async (req: Request<{ tranId: string }>, res) => {
    sendJson(res, 200, await deps.queries.transaction(req.params.tranId, authenticatedClient(req)));
  });

  router.get('/transactions/:tranId/events', reader, async (req: Request<{ tranId: string }>, res) => {
    const tranId = req.params.tranId;
    const viewer = authenticatedClient(req);
    await deps.queries.transaction(tranId, viewer);
    openStream(res);
    const lastSeen = Number(req.headers['last-event-id'] ?? 0) || 0;
    const stop = deps.queries.follow(tranId, lastSeen, (event) => {
      res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const untrack = deps.trackStream(() => res.end());
    res.on('close', () => {
      clearInterval(heartbeat);
      stop();
      untrack();
    });
  });

  router.get('/saf', authenticate(deps.registry, ['admin']), async (_req, res) => {
    sendJson(res, 200, await deps.queries.safQueue());
  });

  router.get('/status', authenticate(deps.registry, ['admin']), (_req, res) => {
    sendJson(res, 200, deps.status());
  });

  return router;
}

function openStream(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(': stream open\n\n');
}

