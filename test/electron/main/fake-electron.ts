import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

// A recording stand-in for the parts of `electron` the main process and preload use. The real module cannot be
// imported outside the Electron runtime (it tries to download the binary), so every test mocks it with this:
//   vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

let nextId = 1;

export class FakeFrame {
  readonly frameTreeNodeId = nextId++;
  detached = false;
  constructor(public url: string, public parent: FakeFrame | null = null) {}
  isDestroyed() {
    return false;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  destroyed = false;
  url = '';
  readonly mainFrame = new FakeFrame('');
  readonly sent: { channel: string; data: unknown }[] = [];
  windowOpenHandler?: (details: { url: string }) => { action: string };
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    return this.url;
  }
  send(channel: string, data: unknown) {
    this.sent.push({ channel, data });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Shows `url` as if the page had loaded it. */
  show(url: string) {
    this.url = url;
    this.mainFrame.url = url;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded?: { file: string; options?: { hash?: string } };
  destroyed = false;
  minimized = false;
  readonly calls: string[] = [];
  constructor(public readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string, options?: { hash?: string }) {
    this.loaded = { file, options };
    this.webContents.show(pathToFileURL(file).href + (options?.hash ? `#${options.hash}` : ''));
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.calls.push('restore');
    this.minimized = false;
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type Handler = (...args: any[]) => unknown;

export function createFakeElectron() {
  const handlers = new Map<string, Handler>();
  const exposed: Record<string, unknown> = {};
  const rendererListeners = new EventEmitter();
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    singleInstance: true,
    paths: new Map<string, string>([['userData', '/nonexistent/user-data']]),
    ready: Promise.resolve(),
    requestSingleInstanceLock: vi.fn(() => app.singleInstance),
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      app.emit('before-quit', event);
    }),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => app.ready),
    getPath: vi.fn((name: string) => app.paths.get(name) ?? `/nonexistent/${name}`),
    setPath: vi.fn((name: string, value: string) => void app.paths.set(name, value)),
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handlers,
      handle: vi.fn((channel: string, handler: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    },
    ipcRenderer: {
      listeners: rendererListeners,
      invoke: vi.fn(async (channel: string, payload?: unknown) => ({ ok: true, value: { channel, payload } })),
      on: vi.fn((channel: string, listener: Handler) => rendererListeners.on(channel, listener)),
      removeListener: vi.fn((channel: string, listener: Handler) => rendererListeners.removeListener(channel, listener)),
    },
    contextBridge: {
      exposed,
      exposeInMainWorld: vi.fn((key: string, api: unknown) => {
        exposed[key] = api;
      }),
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    safeStorage: {
      available: true,
      backend: 'gnome_libsecret',
      isAsyncEncryptionAvailable: vi.fn(async () => fakeElectron().safeStorage.available),
      // Not encryption, but nothing of the plain text survives in the output (each byte XOR 0x5a, reversed).
      encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a).reverse())),
      decryptStringAsync: vi.fn(async (data: Buffer) => ({
        result: Buffer.from(Buffer.from(data).reverse().map((byte) => byte ^ 0x5a)).toString('utf8'),
        shouldReEncrypt: false,
      })),
      getSelectedStorageBackend: vi.fn(() => fakeElectron().safeStorage.backend),
    },
    Menu: {
      setApplicationMenu: vi.fn(),
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    },
    dialog: { showErrorBox: vi.fn() },
    screen: {
      displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: vi.fn(() => fakeElectron().screen.displays[0]),
      getAllDisplays: vi.fn(() => fakeElectron().screen.displays),
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export const fake: FakeElectron = createFakeElectron();

function fakeElectron(): FakeElectron {
  return fake;
}
