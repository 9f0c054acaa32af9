import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_PORT_IN_USE, isPortInUse, parsePortFlag, portInUseLine, SUPERVISED_ENV } from '../common/listen-errors.js';
import { createLogger } from '../common/logger.js';
import { PARTNER_OPERATIONS, BehaviourMode } from './behaviour.js';
import { behaviourCommand, EXIT, scanCommand, showCommand, type CliOutput } from './cli-client.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadPartnerConfig, type PartnerConfig } from './config.js';
import { isLoopbackAddress } from './control-api.js';
import { startPartner } from './server.js';

const USAGE = `usage:
  npm run partner [-- --config <file>] [--port <n>] [--hub-url <url>]
                                                       start the demo partner in the foreground; --port and --hub-url
                                                       override listen.port and hub.url (every command takes them)
  npm run partner -- scan <qrPayload> [--config <file>] ask the running partner to scan (exit 0 = hub answered 202)
  npm run partner -- scan --tran-id <tranId> [--omit-token]
  npm run partner -- behaviour <pay|confirm|reverse> <approve|decline|error|hang> [errorType]
                                   [--status <n>] [--delay-ms <n>] [--times <n>]
  npm run partner -- ledger | requests | reset
default config: ${DEFAULT_CONFIG_FILE}; exit status 2 = bad usage or config, 3 = partner or hub unreachable,
${EXIT_PORT_IN_USE} = the port is already in use`;

const io: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

class UsageError extends Error {}

/** Thrown when the partner's port is taken: main() says so in one line. */
class PortInUse extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string' },
      'hub-url': { type: 'string' },
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
  let port: number | undefined;
  try {
    port = values.port === undefined ? undefined : parsePortFlag('--port', values.port, true);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const configFile = values.config ?? DEFAULT_CONFIG_FILE;
  const config = loadPartnerConfig(configFile, { port, hubUrl: values['hub-url'] });
  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      return serve(config, configFile);
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

async function serve(config: PartnerConfig, configFile: string): Promise<number> {
  const logger = createLogger({ base: { service: 'partner' } });
  let partner;
  try {
    partner = await startPartner(config, { logger });
  } catch (error) {
    if (!isPortInUse(error)) throw error;
    throw new PortInUse(portInUseLine({
      program: 'Demo Wallet', host: config.listen.host, port: config.listen.port, key: 'listen.port',
      configFile: resolve(configFile), flag: '--port',
    }));
  }
  const running = partner;
  logger.info('partner listening', { baseUrl: partner.baseUrl, apiUrl: partner.apiUrl, partnerId: config.partner.id,
    hub: config.hub.url });
  if (!isLoopbackAddress(config.listen.host) && config.listen.host !== 'localhost') {
    logger.warn('listening beyond loopback: the /demo control API still answers loopback clients only');
  }
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info('partner stopping', { signal });
      void running.close().then(() => resolve(EXIT.ok));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof PortInUse) {
      // Under the till's supervisor, the supervisor says it, naming its own flag (--wallet-port).
      if (process.env[SUPERVISED_ENV] !== '1') console.error(error.message);
      process.exit(EXIT_PORT_IN_USE);
    } else if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`);
    } else {
      console.error(error);
      process.exit(1);
    }
    process.exit(EXIT.usage);
  },
);
