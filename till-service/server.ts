import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type { TillEngine } from '../electron/pos/engine-host.js';
import { bridgeRoutes } from './bridge-routes.js';
import { allowedHosts, requestGuard } from './request-guard.js';
import { securityHeaders } from './security-headers.js';

// Browser mode: the built renderer and the till bridge (over HTTP and server-sent events) on one loopback origin.

export interface TillServiceOptions {
  engine: TillEngine;
  /** The Vite build of the renderer (dist/renderer). */
  staticDir: string;
  host: string;
  port: number;
}

export interface RunningTillService {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export function createTillServiceApp(options: TillServiceOptions, hosts: () => Set<string>, trackStream: (end: () => void) => () => void) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestGuard(hosts));
  app.use(securityHeaders);
  app.get('/health', (_req, res) => void res.status(200).json({ status: 'ok' }));
  app.use('/api', bridgeRoutes({ engine: () => options.engine, trackStream }));
  if (!existsSync(join(options.staticDir, 'index.html'))) {
    app.get('/', (_req, res) => void res.status(503).type('text/plain').send('The till page is not built: run npm run build:renderer'));
  }
  app.use(express.static(options.staticDir, { index: 'index.html', fallthrough: true, maxAge: 0 }));
  app.use((_req, res) => void res.status(404).type('text/plain').send('Not found'));
  return app;
}

export async function startTillService(options: TillServiceOptions): Promise<RunningTillService> {
  const streams = new Set<() => void>();
  let hosts = allowedHosts(options.host, options.port);
  const app = createTillServiceApp(options, () => hosts, (end) => {
    streams.add(end);
    return () => streams.delete(end);
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(options.host, port);
  return {
    url: `http://${options.host}:${port}`,
    port,
    server,
    close: () => new Promise<void>((resolve) => {
      for (const end of streams) end();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
