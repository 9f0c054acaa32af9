import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../common/logger.js';
import { localServiceSpecs, tillServices } from '../electron/main/local-services.js';
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
const USAGE = `usage: npm run start:web [-- --config <till.json>] [--port <n>] [--hub-url <url>] [--client-id <id>]
  the hub password can be given in TILL_HUB_PASSWORD; a --hub-url switches to a remote hub (nothing local is started)`;

interface Launch {
  config: TillConfig;
  /** Command-line and environment overrides of the hub: applied as a change on the Settings screen would be. */
  overrides: Partial<TillSettings>;
}

function readLaunch(argv: string[]): Launch {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' }, port: { type: 'string' }, 'hub-url': { type: 'string' }, 'client-id': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const config = loadTillConfig(values.config ?? process.env.TILL_CONFIG ?? join(ROOT, 'config', 'till.local.json'));
  const port = values.port ?? process.env.TILL_PORT;
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65535) throw new ConfigError(`invalid --port "${port}"`);
    config.web.port = Number(port);
  }
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
  return { config, overrides };
}

async function main(): Promise<void> {
  const logger = createLogger({ level: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'warn' });
  let config: TillConfig;
  let settings: TillSettings;
  let overrides: Partial<TillSettings>;
  try {
    const launch = readLaunch(process.argv.slice(2));
    config = launch.config;
    overrides = launch.overrides;
    mkdirSync(config.dataDir, { recursive: true });
    settings = loadSavedSettings(config.dataDir, config.settings);
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

  if (settings.hubMode === 'local') {
    const specs = localServiceSpecs({
      appRoot: ROOT, isPackaged: false, hubConfig: config.localHubConfig, partnerConfig: config.localPartnerConfig,
      execPath: process.execPath, env: process.env,
    });
    const waiting = whenServicesHealthy(60_000);
    supervisor = createServiceSupervisor({
      specs, logger,
      onState: (states) => {
        engine?.setServices(tillServices(states));
        waiting.onState(states);
      },
    });
    supervisor.start();
    waiting.onState(supervisor.states());
    console.log('Starting the local hub and the Demo Wallet…');
    if (!(await waiting.healthy)) {
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
    console.error(`The till cannot listen on ${config.web.host}:${config.web.port}: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  console.log(`
QR Till is ready: ${service.url}
  hub: ${settings.hubUrl} (${settings.hubMode === 'local' ? 'local, with the Demo Wallet at http://127.0.0.1:8490' : 'remote'})
  data: ${config.dataDir}
Charge an amount, then scan its QR payload as the Demo Wallet:   npm run partner -- scan <payload>
Stop with Ctrl+C.
`);
}

await main();
