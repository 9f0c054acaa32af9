import { parseArgs } from 'node:util';
import { createLogger } from '../common/logger.js';
import { PARTNER_OPERATIONS, BehaviourMode } from './behaviour.js';
import { behaviourCommand, EXIT, scanCommand, showCommand, type CliOutput } from './cli-client.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadPartnerConfig, type PartnerConfig } from './config.js';
import { isLoopbackAddress } from './control-api.js';
import { startPartner } from './server.js';

const USAGE = `usage:
  npm run partner [-- --config <file>]                 start the demo partner in the foreground
  npm run partner -- scan <qrPayload> [--config <file>] ask the running partner to scan (exit 0 = hub answered 202)
  npm run partner -- scan --tran-id <tranId> [--omit-token]
  npm run partner -- behaviour <pay|confirm|reverse> <approve|decline|error|hang> [errorType]
                                   [--status <n>] [--delay-ms <n>] [--times <n>]
  npm run partner -- ledger | requests | reset
default config: ${DEFAULT_CONFIG_FILE}; exit status 2 = bad usage or config, 3 = partner or hub unreachable`;

const io: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      'tran-id': { type: 'string' },
      'omit-token': { type: 'boolean' },
      status: { type: 'string' },
      'delay-ms': { type: 'string' },
      times: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const config = loadPartnerConfig(values.config ?? DEFAULT_CONFIG_FILE);
  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      return serve(config);
    case 'scan': {
      const qrPayload = rest[0];
      const tranId = values['tran-id'];
      if ((qrPayload === undefined) === (tranId === undefined)) throw new UsageError('scan needs a QR payload or --tran-id');
      return scanCommand(config, { qrPayload, tranId, omitToken: values['omit-token'] }, io);
    }
    case 'behaviour':
      return behaviourCommand(config, behaviourUpdate(rest, values), io);
    case 'ledger':
      return showCommand(config, 'GET', '/ledger', io);
    case 'requests':
      return showCommand(config, 'GET', '/requests', io);
    case 'reset':
      return showCommand(config, 'POST', '/reset', io);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

function behaviourUpdate(args: string[], values: { status?: string; 'delay-ms'?: string; times?: string }) {
  const [operation, mode, errorType] = args;
  if (!PARTNER_OPERATIONS.includes(operation as (typeof PARTNER_OPERATIONS)[number])) {
    throw new UsageError(`behaviour needs an operation: ${PARTNER_OPERATIONS.join(', ')}`);
  }
  if (!BehaviourMode.safeParse(mode).success) throw new UsageError(`behaviour needs a mode: ${BehaviourMode.options.join(', ')}`);
  const behaviour: Record<string, unknown> = { mode };
  if (errorType !== undefined) behaviour.errorType = errorType;
  const numbers = { status: values.status, delayMs: values['delay-ms'], times: values.times };
  for (const [key, text] of Object.entries(numbers)) {
    if (text === undefined) continue;
    if (!/^\d+$/.test(text)) throw new UsageError(`--${key === 'delayMs' ? 'delay-ms' : key} must be a whole number`);
    behaviour[key] = Number(text);
  }
  return { [operation!]: behaviour };
}

async function serve(config: PartnerConfig): Promise<number> {
  const logger = createLogger({ base: { service: 'partner' } });
  const partner = await startPartner(config, { logger });
  logger.info('partner listening', { baseUrl: partner.baseUrl, apiUrl: partner.apiUrl, partnerId: config.partner.id,
    hub: config.hub.url });
  if (!isLoopbackAddress(config.listen.host) && config.listen.host !== 'localhost') {
    logger.warn('listening beyond loopback: the /demo control API still answers loopback clients only');
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info('partner stopping', { signal });
      void partner.close().then(() => resolve(EXIT.ok));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if ((error as { code?: string }).code === 'EADDRINUSE') {
      console.error(`cannot listen: ${(error as Error).message} (is another partner already running?)`);
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`);
    } else {
      console.error(error);
      process.exit(1);
    }
    process.exit(EXIT.usage);
  },
);
