import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { TillEngine } from '../electron/pos/engine-host.js';
import { runVerb } from '../electron/pos/verbs.js';
import type { BridgeResult } from '../electron/preload/bridge-types.js';

const HEARTBEAT_MS = 15_000;

// The bridge over HTTP: POST /api/verbs/<verb> {payload} answers a BridgeResult; GET /api/events streams TillEvents.

export interface BridgeRouteDeps {
  engine: () => TillEngine;
  /** Registers a function that ends an open event stream at shutdown; returns its unregister. */
  trackStream: (end: () => void) => () => void;
}

function invalid(message: string): BridgeResult<never> {
  return { ok: false, code: 'INVALID_INPUT', message };
}

export function bridgeRoutes(deps: BridgeRouteDeps): Router {
  const router = Router({ strict: true });
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/verbs/:name', (req, res, next) => {
    if (!req.is('application/json')) {
      res.status(415).json(invalid('Send JSON'));
      return;
    }
    next();
  }, express.json({ limit: '64kb', strict: true }), async (req: Request<{ name: string }>, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      res.status(400).json(invalid('Expected {"payload": …}'));
      return;
    }
    res.status(200).json(await runVerb(deps.engine(), req.params.name, (body as { payload?: unknown }).payload));
  });

  router.get('/events', (req, res) => {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 1000\n\n');
    const unsubscribe = deps.engine().subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const untrack = deps.trackStream(() => res.end());
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      untrack();
    });
  });

  router.use((_req, res) => {
    res.status(404).json({ ok: false, code: 'NOT_FOUND', message: 'No such endpoint' } satisfies BridgeResult<never>);
  });

  // Malformed JSON and oversized bodies come here from express.json.
  router.use((error: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    res.status(status).json(status === 500
      ? { ok: false, code: 'INTERNAL', message: 'The till service failed' }
      : invalid(error.type === 'entity.too.large' ? 'Request too large' : 'Malformed JSON'));
  });
  return router;
}
