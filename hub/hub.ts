import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../common/logger.js';
import { createApp } from './app.js';
import { answerNotReady } from './http/not-ready.js';
import { ClientRegistry } from './auth/client-registry.js';
import type { HubConfig } from './config.js';
import { AdviceService } from './services/advice-service.js';
import type { HubContext } from './services/context.js';
import { PaymentService } from './services/payment-service.js';
import { QrCodeService } from './services/qr-code-service.js';
import { recoverInterruptedPayments } from './services/recovery.js';
import { SafWorker } from './services/saf-worker.js';
import { ScanService } from './services/scan-service.js';
import { TimelineBus } from './services/timeline-bus.js';
import { TransactionQueries } from './services/transaction-queries.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { HubStore } from './store/store.js';
import { PartnerClient } from './upstream/partner-client.js';

export interface RunningHub {
  url: string;
  port: number;
  store: HubStore;
  payments: PaymentService;
  saf: SafWorker;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  store?: HubStore;
  now?: () => number;
  /** The store can no longer persist: the process should exit and recover from disk on restart. */
  onFatal?: (error: Error) => void;
}

/**
 * Listens (answering 503 until ready), opens the store, recovers interrupted payments, starts the SAF worker. Listening
 * comes first so that a second hub started by mistake on a taken port stops before it touches the database, whose
 * payments the running hub holds.
 */
export async function startHub(config: HubConfig, options: StartOptions = {}): Promise<RunningHub> {
  const logger = options.logger ?? createLogger({ level: config.log.level, base: { service: 'hub' } });
  let app: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (app) app(req, res);
    else answerNotReady(req, res);
  };
  const server = config.tls
    ? https.createServer({ cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) }, handle)
    : http.createServer(handle);
  // Held pay calls may legitimately last the scan window plus the partner timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const unlisten = (error: unknown): never => {
    server.close();
    server.closeAllConnections();
    throw error;
  };
  let ready = false;
  const store = options.store ?? await SqliteStore.open(config.database, {
    onFatal: (error) => {
      ready = false;
      logger.error('storage failed: nothing more is acknowledged; restart to recover from disk', { error });
      options.onFatal?.(error);
    },
  }).catch(unlisten);
  const bus = new TimelineBus(store);
  const ctx: HubContext = { config, store, bus, partnerClient: new PartnerClient(logger), logger, now: options.now ?? Date.now };
  const registry = new ClientRegistry(config.clients);
  const payments = new PaymentService(ctx);
  const queries = new TransactionQueries(ctx);
  const saf = new SafWorker(ctx);
  const streams = new Set<() => void>();

  await recoverInterruptedPayments(ctx).catch(async (error: unknown) => {
    bus.close();
    if (!options.store) await store.close();
    return unlisten(error);
  });
  const createdApp = createApp({
    logger, registry, payments, queries,
    qrCodes: new QrCodeService(ctx),
    scans: new ScanService(ctx),
    advices: new AdviceService(ctx),
    isReady: () => ready,
    status: () => ({
      ready,
      heldPayments: payments.heldCount,
      uptimeSeconds: Math.round(process.uptime()),
      memoryMb: Object.fromEntries(Object.entries(process.memoryUsage()).map(([key, bytes]) => [key, Math.round(bytes / 1048576)])),
    }),
    trackStream: (end) => {
      streams.add(end);
      return () => streams.delete(end);
    },
  });
  app = createdApp;
  saf.start();
  ready = true;
  const port = (server.address() as AddressInfo).port;
  const url = `${config.tls ? 'https' : 'http'}://${config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host}:${port}`;
  logger.info('hub listening', { url, database: config.database });

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    ready = false;
    logger.info('hub shutting down', { held: payments.heldCount });
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await payments.drain();
    for (const end of streams) end();
    await saf.stop();
    server.closeAllConnections();
    await closed;
    bus.close();
    await store.close();
    logger.info('hub stopped');
  })());
  return { url, port, store, payments, saf, stop };
}
