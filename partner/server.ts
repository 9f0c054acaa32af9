import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { createLogger, type Logger } from '../common/logger.js';
import { API_BASE_PATH, createPartnerApp } from './app.js';
import { BehaviourUpdate, type BehaviourSet } from './behaviour.js';
import { connectHost, parsePartnerConfig, type PartnerConfig, type PartnerConfigInput } from './config.js';
import type { WalletLedger } from './ledger.js';
import type { ReceivedMessage } from './request-log.js';
import type { ScanInput, ScanOutcome } from './scanner.js';

export interface RunningPartner {
  config: PartnerConfig;
  /** e.g. http://127.0.0.1:8490 */
  baseUrl: string;
  /** baseUrl + /qr/v1: where the hub sends pay, confirm and reverse. */
  apiUrl: string;
  ledger: Pick<WalletLedger, 'snapshot' | 'available'>;
  /** Validates like PUT /demo/behaviour; throws a ZodError if invalid. */
  setBehaviour(update: BehaviourUpdate): void;
  behaviour(): BehaviourSet;
  requests(): ReceivedMessage[];
  /** Same as POST /demo/scan; rejects with a ScanError (400 bad input, 502 hub not reached). */
  scan(input: ScanInput): Promise<ScanOutcome>;
  reset(): void;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

export async function startPartner(configInput: PartnerConfigInput, options: StartOptions = {}): Promise<RunningPartner> {
  const config = parsePartnerConfig(configInput);
  const logger = options.logger ?? createLogger({ base: { service: 'partner' } });
  const { app, state } = createPartnerApp({ config, logger });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listen.port, config.listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${connectHost(config.listen.host)}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    config,
    baseUrl,
    apiUrl: baseUrl + API_BASE_PATH,
    ledger: { snapshot: () => state.ledger.snapshot(), available: () => state.ledger.available() },
    setBehaviour: (update) => state.behaviours.set(BehaviourUpdate.parse(update)),
    behaviour: () => state.behaviours.current(),
    requests: () => state.requestLog.list(),
    scan: (input) => state.scanner.scan(input),
    reset: () => state.reset(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        state.pending.abortAll();
        server.close(() => resolve());
        // Hanging requests and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
