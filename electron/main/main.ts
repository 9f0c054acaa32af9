import { app, dialog, screen, session, type BrowserWindow, type Rectangle } from 'electron';
import { dirname, join } from 'node:path';
import { parsePortFlag } from '../../common/listen-errors.js';
import { createLogger } from '../../common/logger.js';
import { ConfigError } from '../../hub/config.js';
import type { TillEngine } from '../pos/engine-host.js';
import type { TillSettings } from '../pos/settings.js';
import { loadTillConfig, type TillConfig } from '../pos/till-config.js';
import { openTillEngine } from '../pos/till-engine.js';
import type { ServiceState, TillStatus } from '../preload/bridge-types.js';
import { installAppMenu } from './app-menu.js';
import { createLogFile } from './log-file.js';
import { registerIpcHandlers, type AppWindowRef, type IpcRegistration } from './ipc-handlers.js';
import { appRootFrom, launchOptions } from './launch-options.js';
import { isInsideFolder, seedLocalHubConfig } from './local-hub-config.js';
import { localServices, tillServices, type LocalServices } from './local-services.js';
import { createServiceSupervisor, type ServiceSupervisor } from './service-supervisor.js';
import { createSettingsStore } from './settings-store.js';
import { appPaths, createAppWindow, hardenSession, hardenWebContents, type WindowRole } from './window-factory.js';

// The Electron entry: one instance, config, bundled services (local mode), the engine, IPC, windows, clean quit.

const logFile = createLogFile();
const logger = createLogger({
  base: { component: 'till-main' },
  write: (line) => {
    process.stdout.write(line + '\n');
    logFile.write(line);
  },
});
const appRoot = appRootFrom(__dirname);
const paths = appPaths(appRoot);
const launch = launchOptions(process.argv, process.env, appRoot, app.isPackaged);
const ENGINE_CLOSE_TIMEOUT_MS = 10_000;

const windows = new Map<WindowRole, BrowserWindow>();
let config: TillConfig | undefined;
let engine: TillEngine | undefined;
let ipc: IpcRegistration | undefined;
let supervisor: ServiceSupervisor | undefined;
let hubMode: TillSettings['hubMode'] = 'local';
let services: TillStatus['services'];
let quitState: 'running' | 'closing' | 'closed' = 'running';

function appWindows(): AppWindowRef[] {
  return [...windows].filter(([, window]) => !window.isDestroyed())
    .map(([role, window]) => ({ role, webContents: window.webContents }));
}

function secondDisplayBounds(): Rectangle | undefined {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((display) => display.id !== primary.id)?.bounds;
}

function refreshMenu(): void {
  installAppMenu({
    isPackaged: app.isPackaged,
    platform: process.platform,
    customerDisplayOpen: windows.has('customer'),
    toggleCustomerDisplay: () => setCustomerDisplay(!windows.has('customer')),
  });
}

function openWindow(role: WindowRole): BrowserWindow {
  const existing = windows.get(role);
  if (existing && !existing.isDestroyed()) return existing;
  const elsewhere = role === 'customer' ? secondDisplayBounds() : undefined;
  const window = createAppWindow({
    role,
    paths,
    logger,
    bounds: elsewhere,
    fullscreen: role === 'main' ? launch.fullscreen : elsewhere !== undefined,
    kiosk: role === 'main' && launch.kiosk,
    devTools: !app.isPackaged,
  });
  windows.set(role, window);
  window.on('closed', () => {
    if (windows.get(role) === window) windows.delete(role);
    if (role === 'main') app.quit();
    else if (quitState === 'running') refreshMenu();
  });
  refreshMenu();
  return window;
}

function setCustomerDisplay(open: boolean): void {
  if (open) openWindow('customer');
  else windows.get('customer')?.close();
}

function focusMainWindow(): void {
  const window = windows.get('main');
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function reportServices(states: Readonly<Record<string, ServiceState>>): void {
  services = tillServices(states);
  engine?.setServices(services);
}

/** Packaged, the shipped hub config would put the database in the read-only install: use its copy in userData. */
function localHubConfig(): string {
  const shipped = config!.localHubConfig;
  // Only the config shipped inside the read-only install needs a writable copy; an operator's own file is used as is.
  if (!app.isPackaged || !isInsideFolder(shipped, dirname(appRoot))) return shipped;
  const { file, created } = seedLocalHubConfig(shipped, join(app.getPath('userData'), 'hub'));
  if (created) logger.info('the local hub runs on a new copy of the shipped hub config', { file, shipped });
  else logger.info('the local hub runs on its existing config', { file });
  return file;
}

function portFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePortFlag(flag, text, false);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** Throws ConfigError when the hub's or partner's config, or a port flag, is unusable. */
function localServicesOf(): LocalServices {
  return localServices({
    appRoot,
    isPackaged: app.isPackaged,
    hubConfig: localHubConfig(),
    partnerConfig: config!.localPartnerConfig,
    execPath: process.execPath,
    env: process.env,
    hubPort: portFlag('--hub-port', launch.hubPort),
    walletPort: portFlag('--wallet-port', launch.walletPort),
  });
}

/** A bundled service whose port is taken is not restarted; the cashier is told why, once. */
function reportFinalExit(service: string, reason: string): void {
  logger.error('a local service cannot run', { service, reason });
  dialog.showErrorBox('QR Till: the local payment service cannot start', reason);
}

/** Throws ConfigError when the hub's or partner's config is unusable. */
function startLocalServices(local: LocalServices = localServicesOf()): void {
  supervisor ??= createServiceSupervisor({
    specs: local.specs,
    onState: reportServices,
    onFinalExit: reportFinalExit,
    logger: logger.child({ component: 'services' }),
  });
  supervisor.start();
}

async function applyHubMode(mode: TillSettings['hubMode']): Promise<void> {
  if (mode === hubMode) return;
  hubMode = mode;
  if (mode === 'local') {
    try {
      startLocalServices();
    } catch (error) {
      logger.error('cannot start the bundled hub and demo partner', { error });
    }
    return;
  }
  await supervisor?.stop();
  services = undefined;
  engine?.setServices(undefined);
}

function cannotStart(error: unknown, exitCode: number): void {
  const message = error instanceof Error ? error.message : String(error);
  logger.error('cannot start', { error });
  dialog.showErrorBox('QR Till cannot start', message);
  void (supervisor?.stop() ?? Promise.resolve()).finally(() => app.exit(exitCode));
}

async function ready(): Promise<void> {
  hardenSession(session.defaultSession, paths, logger);
  try {
    config = loadTillConfig(launch.configFile);
  } catch (error) {
    return cannotStart(error, error instanceof ConfigError ? 2 : 1);
  }
  const userData = app.getPath('userData');
  const store = createSettingsStore({ dir: userData, logger });
  let settings = await store.load(config.settings);
  hubMode = settings.hubMode;
  if (hubMode === 'local') {
    try {
      const local = localServicesOf();
      // The till talks to the hub it starts, on the port it starts it on (--hub-port or the hub config's).
      settings = { ...settings, hubUrl: local.hubUrl };
      startLocalServices(local);
    } catch (error) {
      return cannotStart(error, error instanceof ConfigError ? 2 : 1);
    }
  }
  try {
    engine = await openTillEngine({
      dataDir: join(userData, 'till'),
      settings,
      persistSettings: async (next) => {
        await store.save(next);
        applyHubMode(next.hubMode).catch((error: unknown) => logger.error('cannot switch hub mode', { error }));
      },
      logger: logger.child({ component: 'engine' }),
    });
  } catch (error) {
    return cannotStart(error, 1);
  }
  if (services) engine.setServices(services);
  ipc = registerIpcHandlers({ engine, windows: appWindows, paths, logger });
  engine.subscribe((event) => {
    if (event.type === 'settings') setCustomerDisplay(event.settings.customerDisplay);
  });
  openWindow('main');
  if (settings.customerDisplay) openWindow('customer');
}

function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn(`${what} took too long; quitting anyway`);
      resolve();
    }, ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

async function shutdown(): Promise<void> {
  ipc?.dispose();
  if (engine) {
    await withTimeout(engine.close(), ENGINE_CLOSE_TIMEOUT_MS, 'closing the engine')
      .catch((error: unknown) => logger.error('closing the engine failed', { error }));
  }
  await supervisor?.stop();
  await logFile.close();
}

function start(): void {
  if (launch.userDataDir) app.setPath('userData', launch.userDataDir);
  logFile.open(join(app.getPath('userData'), 'logs'));
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, logger));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitState === 'closed') return;
    event.preventDefault();
    if (quitState === 'closing') return;
    quitState = 'closing';
    void shutdown().finally(() => {
      quitState = 'closed';
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  process.on('exit', () => supervisor?.killNow());
  app.whenReady().then(ready).catch((error: unknown) => cannotStart(error, 1));
}

start();
