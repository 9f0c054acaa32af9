import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_PORT_IN_USE, isPortInUse, parsePortFlag, portInUseLine } from '../common/listen-errors.js';
import { createLogger } from '../common/logger.js';
import { localServices, tillServices, type LocalServices } from '../electron/main/local-services.js';
import { createServiceSupervisor, type ServiceSupervisor } from '../electron/main/service-supervisor.js';
import type { TillEngine } from '../electron/pos/engine-host.js';
import { settingsInputOf, type TillSettings } from '../electron/pos/settings.js';
import { runVerb } from '../electron/pos/verbs.js';
import { loadTillConfig, type TillConfig } from '../electron/pos/till-config.js';
import { isHttpUrl, isSafeHubUrl } from '../electron/preload/settings-limits.js';
import { openTillEngine } from '../electron/pos/till-engine.js';
import { ConfigError } from '../hub/config.js';
import { startTillService, type RunningTillService } from './server.js';
import { loadSavedSettings, saveSettingsFile } from './settings-file.js';
import { whenServicesHealthy } from './wait-for-services.js';

// npm run start:web: the local hub and demo partner (unless the hub is remote), the POS engine, and the till page at
// http://127.0.0.1:5180. The port answers only once a sale can be completed.

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = `usage: npm run start:web [-- --config <till.json>] [--port <n>] [--hub-port <n>] [--wallet-port <n>]
                         [--hub-url <url>] [--client-id <id>]
  --config       the till's JSON config (default config/till.local.json; or TILL_CONFIG)
  --port         the till page's port instead of the config's web.port (0: any free port; or TILL_PORT)
  --hub-port     the local hub's port instead of its config's listen.port; the till and the Demo Wallet follow
  --wallet-port  the Demo Wallet's port instead of its config's listen.port; the local hub follows
  --hub-url      use the remote hub at this URL (nothing local is started); saved like a Settings change
  --client-id    the till's client id at the hub; saved like a Settings change
  the hub password can be given in TILL_HUB_PASSWORD
exit status: 2 = bad usage, config or overrides, ${EXIT_PORT_IN_USE} = a port is already in use, 1 = cannot start`;

interface Launch {
  config: TillConfig;
  /** The till config file, named when its web.port is taken. */
  configFile: string;
  /** Command-line and environment overrides of the hub: applied as a change on the Settings screen would be. */
  overrides: Partial<TillSettings>;
  hubPort?: number;
  walletPort?: number;
}

function portFlag(flag: string, text: string | undefined, allowAny: boolean): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePortFlag(flag, text, allowAny);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function readLaunch(argv: string[]): Launch {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' }, port: { type: 'string' }, 'hub-url': { type: 'string' }, 'client-id': { type: 'string' },
      'hub-port': { type: 'string' }, 'wallet-port': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const configFile = resolve(values.config ?? process.env.TILL_CONFIG ?? join(ROOT, 'config', 'till.local.json'));
  const config = loadTillConfig(configFile);
  const port = portFlag('--port', values.port ?? process.env.TILL_PORT, true);
  if (port !== undefined) config.web.port = port;
  // The hub and the Demo Wallet must know each other's port before they start: no "any free port" for them.
  const hubPort = portFlag('--hub-port', values['hub-port'], false);
  const walletPort = portFlag('--wallet-port', values['wallet-port'], false);
  const overrides: Partial<TillSettings> = {};
  const hubUrl = values['hub-url'] ?? process.env.TILL_HUB_URL;
  if (hubUrl) {
    if (!isHttpUrl(hubUrl) || !isSafeHubUrl(hubUrl)) {
      throw new ConfigError(`invalid --hub-url: give an https URL without credentials (http only for this machine)`);
    }
    Object.assign(overrides, { hubMode: 'remote', hubUrl: hubUrl.replace(/\/+$/, '') });
  }
  const clientId = values['client-id'] ?? process.env.TILL_CLIENT_ID;
  if (clientId) overrides.clientId = clientId;
  if (process.env.TILL_HUB_PASSWORD) overrides.password = process.env.TILL_HUB_PASSWORD;
  return { config, configFile, overrides, hubPort, walletPort };
}

/** Local mode: what the supervisor runs, and where; the till talks to the hub it starts, on the port it starts it on. */
function localServicesOf(launch: Launch, mode: TillSettings['hubMode']): LocalServices | undefined {
  if (mode !== 'local') {
    if (launch.hubPort !== undefined || launch.walletPort !== undefined) {
      throw new ConfigError('--hub-port and --wallet-port set the local hub\'s and Demo Wallet\'s ports; this till uses a remote hub');
    }
    return undefined;
  }
  return localServices({
    appRoot: ROOT, isPackaged: false, hubConfig: launch.config.localHubConfig, partnerConfig: launch.config.localPartnerConfig,
    execPath: process.execPath, env: process.env, hubPort: launch.hubPort, walletPort: launch.walletPort,
  });
}

async function main(): Promise<void> {
  const logger = createLogger({ level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'warn' });
  let launch: Launch;
  let config: TillConfig;
  let settings: TillSettings;
  let overrides: Partial<TillSettings>;
  let local: LocalServices | undefined;
  try {
    launch = readLaunch(process.argv.slice(2));
    config = launch.config;
    overrides = launch.overrides;
    mkdirSync(config.dataDir, { recursive: true });
    settings = loadSavedSettings(config.dataDir, config.settings);
    local = localServicesOf(launch, overrides.hubMode ?? settings.hubMode);
    if (local) settings = { ...settings, hubUrl: local.hubUrl };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }

  let supervisor: ServiceSupervisor | undefined;
  let engine: TillEngine | undefined;
  let service: RunningTillService | undefined;
  const stop = async (code: number) => {
    await service?.close();
    await engine?.close();
    await supervisor?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  // The engine first: it takes the data folder's lock, so a second copy stops here, before starting anything.
  try {
    engine = await openTillEngine({
      dataDir: config.dataDir, settings, logger, persistSettings: (next) => saveSettingsFile(config.dataDir, next),
    });
  } catch (error) {
    console.error(`The till cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  // Through the engine's own checks: no hub change while advices still wait for the current hub, a password for a new
  // hub or client, the Settings screen's rules. Accepted overrides are saved like any other settings change.
  if (Object.keys(overrides).length > 0) {
    const applied = await runVerb(engine, 'saveSettings', settingsInputOf({ ...settings, ...overrides }, overrides.password));
    if (!applied.ok) {
      const fields = Object.entries(applied.fields ?? {}).map(([key, message]) => `${key}: ${message}`).join('; ');
      console.error(`The hub overrides were refused: ${applied.message}${fields ? ` (${fields})` : ''}`);
      await engine.close();
      process.exit(2);
    }
    settings = { ...settings, ...overrides };
  }

  if (local) {
    const waiting = whenServicesHealthy(60_000);
    supervisor = createServiceSupervisor({
      specs: local.specs, logger,
      onState: (states) => {
        engine?.setServices(tillServices(states));
        waiting.onState(states);
      },
      onFinalExit: (_service, reason) => {
        console.error(reason);
        waiting.onFinalExit();
      },
    });
    supervisor.start();
    waiting.onState(supervisor.states());
    console.log('Starting the local hub and the Demo Wallet…');
    if (!(await waiting.healthy)) {
      // A service that stopped for good has said why (its port is taken); anything else has logged its own messages.
      if (Object.keys(supervisor.stopReasons()).length > 0) await stop(EXIT_PORT_IN_USE);
      console.error('The local hub or the Demo Wallet did not become healthy; see the messages above.');
      await stop(1);
    }
  }

  if (supervisor) engine.setServices(tillServices(supervisor.states()));
  try {
    service = await startTillService({
      engine, staticDir: join(ROOT, 'dist', 'renderer'), host: config.web.host, port: config.web.port,
    });
  } catch (error) {
    if (isPortInUse(error)) {
      console.error(portInUseLine({
        program: 'QR Till', host: config.web.host, port: config.web.port, key: 'web.port', configFile: launch.configFile,
        flag: '--port',
      }));
      await stop(EXIT_PORT_IN_USE);
    }
    console.error(`The till cannot listen on ${config.web.host}:${config.web.port}: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  console.log(`
QR Till is ready: ${service.url}
  hub: ${settings.hubUrl} (${local ? `local, with the Demo Wallet at ${local.walletUrl}` : 'remote'})
  data: ${config.dataDir}
Charge an amount, then scan its QR payload as the Demo Wallet:   npm run partner -- scan <payload>${
  launch.walletPort === undefined ? '' : ` --port ${launch.walletPort}`}
Stop with Ctrl+C.
`);
}

await main();
