import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TillEngineOptions } from '../../../electron/pos/engine-host.js';
import type { ServiceState, TillSettingsView } from '../../../electron/preload/bridge-types.js';
import { VERB_NAMES } from '../../../electron/pos/verbs.js';
import type { SupervisorOptions } from '../../../electron/main/service-supervisor.js';
import type { FakeElectron, FakeBrowserWindow as FakeWindowClass } from './fake-electron.js';
import type { FakeEngine } from './fake-engine.js';

// The entry point runs on import, so every test starts from a fresh module registry with its own fakes.

const held = vi.hoisted(() => ({
  engine: undefined as FakeEngine | undefined,
  engineOptions: [] as TillEngineOptions[],
  supervisors: [] as { options: SupervisorOptions; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }[],
}));

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);
vi.mock('../../../electron/pos/till-engine.js', async () => {
  const { fakeEngine } = await import('./fake-engine.js');
  return {
    openTillEngine: vi.fn(async (options: TillEngineOptions) => {
      held.engineOptions.push(options);
      held.engine = fakeEngine();
      return held.engine;
    }),
  };
});
vi.mock('../../../electron/main/service-supervisor.js', () => ({
  createServiceSupervisor: vi.fn((options: SupervisorOptions) => {
    const supervisor = { options, start: vi.fn(), stop: vi.fn(async () => undefined), states: () => ({}), killNow: vi.fn() };
    held.supervisors.push(supervisor);
    return supervisor;
  }),
}));

const ROOT = join(import.meta.dirname, '..', '..', '..');
const root = mkdtempSync(join(tmpdir(), 'till-main-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let electron: FakeElectron;
let FakeBrowserWindow: typeof FakeWindowClass;
let userData: string;
const signals = ['SIGINT', 'SIGTERM', 'exit'] as const;
let listenersBefore: Map<string, Function[]>;
const argvBefore = [...process.argv];

function tillConfig(changes: { mode?: 'local' | 'remote'; customerDisplay?: boolean; broken?: boolean } = {}): string {
  const config = JSON.parse(readFileSync(join(ROOT, 'config', 'till.local.json'), 'utf8'));
  config.hub.mode = changes.mode ?? 'remote';
  config.hub.localHubConfig = join(ROOT, 'config', 'hub.local.json');
  config.hub.localPartnerConfig = join(ROOT, 'config', 'partner.local.json');
  config.customerDisplay = changes.customerDisplay ?? false;
  if (changes.broken) config.till.terminalId = 'TOO-SHORT'.slice(0, 5);
  const file = join(mkdtempSync(join(root, 'config-')), 'till.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

async function startMain(
  options: { config?: string; singleInstance?: boolean; displays?: number; packaged?: boolean } = {},
): Promise<void> {
  vi.resetModules();
  // The mocked module may outlive the registry reset: start each run from a clean fake.
  electron = (await import('electron')) as unknown as FakeElectron;
  FakeBrowserWindow = electron.BrowserWindow;
  FakeBrowserWindow.instances.length = 0;
  electron.ipcMain.handlers.clear();
  electron.app.removeAllListeners();
  electron.app.singleInstance = options.singleInstance ?? true;
  electron.app.isPackaged = options.packaged ?? false;
  electron.screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
  if (options.displays === 2) electron.screen.displays.push({ id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 } });
  process.env.TILL_CONFIG = options.config ?? tillConfig();
  process.env.TILL_USER_DATA = userData;
  process.env.LOG_LEVEL = 'silent';
  await import('../../../electron/main/main.js');
}

beforeEach(() => {
  userData = mkdtempSync(join(root, 'user-data-'));
  held.engine = undefined;
  held.engineOptions.length = 0;
  held.supervisors.length = 0;
  listenersBefore = new Map(signals.map((signal) => [signal, process.listeners(signal as 'exit')]));
  vi.clearAllMocks();
});

afterEach(() => {
  for (const signal of signals) {
    for (const listener of process.listeners(signal as 'exit')) {
      if (!listenersBefore.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  process.argv.splice(0, process.argv.length, ...argvBefore);
  delete process.env.TILL_CONFIG;
  delete process.env.TILL_USER_DATA;
  delete process.env.LOG_LEVEL;
});

const mainWindow = () => FakeBrowserWindow.instances[0]!;
const started = () => vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0));

describe('main entry', () => {
  it('quits a second instance without opening anything', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate'] });
    try {
      await startMain({ singleInstance: false });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    // Instead of waiting a while: nothing is left that could act later (no timer; no app event, ready or signal handler).
    expect(electron.app.eventNames()).toEqual([]);
    for (const signal of signals) expect(process.listeners(signal as 'exit'), signal).toEqual(listenersBefore.get(signal));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(held.engineOptions).toHaveLength(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('remote mode: opens the engine under userData, serves IPC, opens the main window, starts no services', async () => {
    await startMain();
    await started();
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    expect(held.engineOptions).toHaveLength(1);
    expect(held.engineOptions[0]).toMatchObject({
      dataDir: join(userData, 'till'),
      settings: { hubMode: 'remote', clientId: 'till-01', password: 'till-01-secret', terminalId: 'TILL0001' },
    });
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(VERB_NAMES.map((verb) => `till:${verb}`).sort());
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(mainWindow().loaded).toEqual({ file: join(ROOT, 'dist', 'renderer', 'index.html'), options: undefined });
    expect(mainWindow().options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: true });
    expect(held.supervisors).toHaveLength(0);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
  });

  it('a second launch focuses the first window', async () => {
    await startMain();
    await started();
    mainWindow().minimized = true;
    electron.app.emit('second-instance', {}, ['qr-till'], '/');
    expect(mainWindow().calls).toEqual(['restore', 'show', 'focus']);
  });

  it('local mode: supervises the hub and partner, reports their states to the engine, stops them on quit', async () => {
    await startMain({ config: tillConfig({ mode: 'local' }) });
    await started();
    expect(held.supervisors).toHaveLength(1);
    const [supervisor] = held.supervisors;
    expect(supervisor!.start).toHaveBeenCalledOnce();
    expect(supervisor!.options.specs.map((spec) => [spec.name, spec.healthUrl])).toEqual([
      ['hub', 'http://127.0.0.1:8480/health'], ['partner', 'http://127.0.0.1:8490/health'],
    ]);
    const states: Record<string, ServiceState> = { hub: 'running', partner: 'restarting' };
    supervisor!.options.onState!(states);
    expect(held.engine!.setServices).toHaveBeenLastCalledWith({ hub: 'running', partner: 'restarting' });

    electron.app.quit();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(2));
    expect(held.engine!.close).toHaveBeenCalledOnce();
    expect(supervisor!.stop).toHaveBeenCalledOnce();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('packaged local mode: the hub runs on a copy of its config in userData, the partner on the shipped one', async () => {
    const config = tillConfig({ mode: 'local' });
    await startMain({ config, packaged: true });
    await started();
    expect(mainWindow().options.webPreferences!.devTools).toBe(false);
    const seeded = join(userData, 'hub', 'hub.json');
    const shipped = JSON.parse(readFileSync(join(ROOT, 'config', 'hub.local.json'), 'utf8'));
    expect(JSON.parse(readFileSync(seeded, 'utf8'))).toEqual({ ...shipped, database: join(userData, 'hub', 'hub.sqlite') });
    const [hub, partner] = held.supervisors[0]!.options.specs;
    expect(hub!.args.slice(-2)).toEqual(['--config', seeded]);
    expect(partner!.args.slice(-2)).toEqual(['--config', join(ROOT, 'config', 'partner.local.json')]);
    electron.app.quit();
    await vi.waitFor(() => expect(held.supervisors[0]!.stop).toHaveBeenCalledOnce());

    writeFileSync(seeded, JSON.stringify({ ...shipped, listen: { host: '127.0.0.1', port: 9480 } }));
    await startMain({ config, packaged: true });
    await started();
    expect(held.supervisors[1]!.options.specs[0]!.args.slice(-2)).toEqual(['--config', seeded]);
    expect(held.supervisors[1]!.options.specs[0]!.healthUrl).toBe('http://127.0.0.1:9480/health');
  });

  it('quitting closes the engine once even when quit is asked twice', async () => {
    await startMain();
    await started();
    let finish!: () => void;
    vi.mocked(held.engine!.close).mockImplementationOnce(() => new Promise<void>((resolve) => { finish = resolve; }));
    electron.app.quit();
    electron.app.quit();
    expect(held.engine!.close).toHaveBeenCalledOnce();
    finish();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(3));
  });

  it('a config error shows a dialog and exits with status 2', async () => {
    await startMain({ config: tillConfig({ broken: true }) });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(2));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('QR Till cannot start', expect.stringContaining('till.terminalId'));
    expect(held.engineOptions).toHaveLength(0);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('a missing config file is a config error too', async () => {
    await startMain({ config: join(root, 'nope.json') });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(2));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('QR Till cannot start', expect.stringContaining('nope.json'));
  });

  it('opens the customer display full screen on the second screen', async () => {
    await startMain({ config: tillConfig({ customerDisplay: true }), displays: 2 });
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(2));
    const customer = FakeBrowserWindow.instances[1]!;
    expect(customer.loaded?.options).toEqual({ hash: '/customer' });
    expect(customer.options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, fullscreen: true });
  });

  it('follows the customerDisplay setting, and closing the main window quits', async () => {
    await startMain();
    await started();
    const view = (customerDisplay: boolean) => ({ customerDisplay }) as TillSettingsView;
    held.engine!.emit({ type: 'settings', settings: view(true) });
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    held.engine!.emit({ type: 'settings', settings: view(true) });
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    held.engine!.emit({ type: 'settings', settings: view(false) });
    expect(FakeBrowserWindow.instances[1]!.destroyed).toBe(true);

    mainWindow().close();
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('saved settings persist in userData, and switching to local mode starts the services', async () => {
    await startMain();
    await started();
    const options = held.engineOptions[0]!;
    await options.persistSettings!({ ...options.settings, hubMode: 'local', password: 'changed-secret' });
    expect(readFileSync(join(userData, 'till-settings.json'), 'utf8')).not.toContain('changed-secret');
    await vi.waitFor(() => expect(held.supervisors[0]?.start).toHaveBeenCalledOnce());
  });

  it('--hub-port and --wallet-port: the local hub and Demo Wallet run on them, and the till talks to that hub', async () => {
    process.argv.push('--hub-port', '18480', '--wallet-port=18490');
    await startMain({ config: tillConfig({ mode: 'local' }) });
    await started();
    const [hub, partner] = held.supervisors[0]!.options.specs;
    expect([hub!.healthUrl, partner!.healthUrl]).toEqual(['http://127.0.0.1:18480/health', 'http://127.0.0.1:18490/health']);
    expect(hub!.args).toContain('demo-wallet=http://127.0.0.1:18490/qr/v1');
    expect(partner!.args).toContain('http://127.0.0.1:18480/qr/v1');
    expect(held.engineOptions[0]!.settings.hubUrl).toBe('http://127.0.0.1:18480');
  });

  it('a bad --hub-port is a config error: a dialog and exit status 2', async () => {
    process.argv.push('--hub-port', 'eighty');
    await startMain({ config: tillConfig({ mode: 'local' }) });
    await vi.waitFor(() => expect(electron.app.exit).toHaveBeenCalledWith(2));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('QR Till cannot start', 'invalid --hub-port "eighty": give a port number from 1 to 65535');
  });

  it('a local service that stopped for good (its port is taken) is shown once in a dialog with its reason', async () => {
    await startMain({ config: tillConfig({ mode: 'local' }) });
    await started();
    const [supervisor] = held.supervisors;
    expect(supervisor!.options.specs[0]!.finalExits?.[4]).toMatch(/^QR Hub cannot listen on 127\.0\.0\.1:8480: .* --hub-port <n>\.$/);
    supervisor!.options.onFinalExit!('hub', 'QR Hub cannot listen on 127.0.0.1:8480: the port is already in use.');
    expect(electron.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith(
      'QR Till: the local payment service cannot start', 'QR Hub cannot listen on 127.0.0.1:8480: the port is already in use.',
    );
    expect(electron.app.exit).not.toHaveBeenCalled();
  });

  it('--kiosk opens the main window in kiosk mode', async () => {
    process.argv.push('--kiosk');
    await startMain();
    await started();
    expect(mainWindow().options).toMatchObject({ kiosk: true });
  });
});
