import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT_PORT_IN_USE, isPortInUse, parsePortFlag, portInUseLine, SUPERVISED_ENV } from '../common/listen-errors.js';
import { ConfigError, loadHubConfig, type HubConfigOverrides } from './config.js';
import { startHub } from './hub.js';

// npm run hub -- --config <file.json>   (without --config: the local default config that ships with the project)

const DEFAULT_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', 'config', 'hub.local.json');
const USAGE = `usage: npm run hub [-- --config <file>] [--port <n>] [--partner-url <partnerId>=<url>]
  --config       the hub's JSON config (default config/hub.local.json)
  --port         listen on this port instead of the config's listen.port (0: any free port)
  --partner-url  send this partner's requests to <url> instead of its url in the config (repeatable)
exit status: 2 = bad usage or config, ${EXIT_PORT_IN_USE} = the port is already in use, 1 = the store failed`;

interface Launch {
  configFile: string;
  overrides: HubConfigOverrides;
}

function readLaunch(argv: string[]): Launch {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      'partner-url': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const overrides: HubConfigOverrides = {};
  if (values.port !== undefined) overrides.port = parsePortFlag('--port', values.port, true);
  for (const pair of values['partner-url'] ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new ConfigError(`invalid --partner-url "${pair}": give <partnerId>=<url>`);
    overrides.partnerUrls = { ...overrides.partnerUrls, [pair.slice(0, at)]: pair.slice(at + 1) };
  }
  return { configFile: values.config ?? DEFAULT_CONFIG, overrides };
}

let launch: Launch;
let config;
try {
  launch = readLaunch(process.argv.slice(2));
  config = loadHubConfig(launch.configFile, launch.overrides);
} catch (error) {
  process.stderr.write(`hub: ${(error as Error).message}\n`);
  if (!(error instanceof ConfigError)) process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let hub;
try {
  hub = await startHub(config, { onFatal: () => process.exit(1) });
} catch (error) {
  if (!isPortInUse(error)) throw error;
  // Under the till's supervisor, the supervisor says it, naming its own flag (--hub-port).
  if (process.env[SUPERVISED_ENV] !== '1') {
    process.stderr.write(`${portInUseLine({
      program: 'QR Hub', host: config.listen.host, port: config.listen.port, key: 'listen.port',
      configFile: resolve(launch.configFile), flag: '--port',
    })}\n`);
  }
  process.exit(EXIT_PORT_IN_USE);
}
const running = hub;
let signalled = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    running.stop().then(() => process.exit(0), (error) => {
      process.stderr.write(`hub: shutdown failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
  });
}
