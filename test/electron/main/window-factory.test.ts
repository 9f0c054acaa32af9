import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow, FakeWebContents } from './fake-electron.js';
import { recordingLogger } from './fake-engine.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

const {
  appPaths, createAppWindow, CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, isAllowedRequest, isAppPageUrl,
} = await import('../../../electron/main/window-factory.js');

const ROOT = '/opt/qr-till';
const paths = appPaths(ROOT);
const PAGE = pathToFileURL(join(ROOT, 'dist', 'renderer', 'index.html')).href;

function preventable() {
  return { preventDefault: vi.fn() };
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0;
  fake.app.isPackaged = false;
  vi.clearAllMocks();
});

describe('createAppWindow', () => {
  it('passes exactly the secure webPreferences', () => {
    createAppWindow({ role: 'main', paths });
    const prefs = FakeBrowserWindow.instances[0]!.options.webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe(join(ROOT, 'dist', 'electron', 'preload.cjs'));
    expect(prefs.devTools).toBe(false);
    expect(Object.keys(prefs).sort()).toEqual([
      'allowRunningInsecureContent', 'contextIsolation', 'devTools', 'nodeIntegration', 'nodeIntegrationInSubFrames',
      'nodeIntegrationInWorker', 'preload', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag',
    ]);
  });

  it('enables DevTools only when asked (development)', () => {
    createAppWindow({ role: 'main', paths, devTools: true });
    expect(FakeBrowserWindow.instances[0]!.options.webPreferences!.devTools).toBe(true);
  });

  it('never enables DevTools in the packaged app, even when asked', () => {
    fake.app.isPackaged = true;
    createAppWindow({ role: 'main', paths, devTools: true });
    createAppWindow({ role: 'customer', paths, devTools: true });
    createAppWindow({ role: 'main', paths });
    expect(FakeBrowserWindow.instances.map((window) => window.options.webPreferences!.devTools)).toEqual([false, false, false]);
  });

  it('loads the app page itself, and the customer route for the customer display', () => {
    createAppWindow({ role: 'main', paths });
    createAppWindow({ role: 'customer', paths });
    const [main, customer] = FakeBrowserWindow.instances;
    expect(main!.loaded).toEqual({ file: paths.rendererIndex, options: undefined });
    expect(customer!.loaded).toEqual({ file: paths.rendererIndex, options: { hash: '/customer' } });
    expect(customer!.webContents.getURL()).toBe(`${PAGE}#/customer`);
  });

  it('prevents navigation, redirects, frame navigation and webviews', () => {
    createAppWindow({ role: 'main', paths });
    const contents = FakeBrowserWindow.instances[0]!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = preventable();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalledOnce();
    }
    const frameEvent = { ...preventable(), url: 'https://evil.example/' };
    contents.emit('will-frame-navigate', frameEvent);
    expect(frameEvent.preventDefault).toHaveBeenCalledOnce();
  });

  it('denies window.open', () => {
    createAppWindow({ role: 'main', paths });
    const handler = FakeBrowserWindow.instances[0]!.webContents.windowOpenHandler!;
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler({ url: PAGE })).toEqual({ action: 'deny' });
  });

  it('hardens any web contents the same way', () => {
    const contents = new FakeWebContents();
    const logger = recordingLogger();
    hardenWebContents(contents as never, logger);
    const event = preventable();
    contents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(logger.lines.map((line) => line.msg)).toEqual(['refused navigation', 'refused window.open']);
  });

  it('hardens a web contents once, however often asked', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never);
    hardenWebContents(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});

describe('hardenSession', () => {
  const session = fake.session.defaultSession;
  const install = () => hardenSession(session as never, paths);

  it('adds the strict Content-Security-Policy header to every response, keeping the others', () => {
    install();
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      details: unknown, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
    const callback = vi.fn();
    listener({ url: PAGE, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
      + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('denies permission requests and checks', () => {
    install();
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (
      contents: unknown, permission: string, origin: string, details: object) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid']) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: PAGE, isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check(null, permission, 'file:///', { requestingUrl: PAGE, isMainFrame: true }), permission).toBe(false);
    }
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(device()).toBe(false);
  });

  it('lets only the app page itself write the clipboard (the demo copy button)', () => {
    install();
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (
      contents: unknown, permission: string, callback: (granted: boolean) => void, details: object) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (
      contents: unknown, permission: string, origin: string, details: object) => boolean;
    const granted = vi.fn();
    request({}, 'clipboard-sanitized-write', granted, { requestingUrl: `${PAGE}#/sale`, isMainFrame: true });
    expect(granted).toHaveBeenCalledWith(true);
    expect(check(null, 'clipboard-sanitized-write', 'file:///', { requestingUrl: PAGE, isMainFrame: true })).toBe(true);
    expect(check(null, 'clipboard-sanitized-write', 'file:///', { requestingUrl: PAGE, isMainFrame: false })).toBe(false);
    expect(check(null, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/', isMainFrame: true }))
      .toBe(false);
  });

  it('cancels every request that is not the renderer\'s own file, DevTools, data: or blob:', () => {
    install();
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]![0] as (
      details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
    const cancelled = (url: string) => {
      const callback = vi.fn();
      listener({ url }, callback);
      return (callback.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    expect(cancelled(PAGE)).toBe(false);
    expect(cancelled(pathToFileURL(join(ROOT, 'dist', 'renderer', 'assets', 'index-abc.js')).href)).toBe(false);
    expect(cancelled('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(cancelled('data:image/png;base64,AAAA')).toBe(false);
    expect(cancelled('https://evil.example/x.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:8480/qr/v1/payments')).toBe(true);
    expect(cancelled('ws://127.0.0.1:5173/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled(pathToFileURL(join(ROOT, 'dist', 'electron', 'preload.cjs')).href)).toBe(true);
    expect(cancelled(`${pathToFileURL(join(ROOT, 'dist', 'renderer')).href}/../../config/till.local.json`)).toBe(true);
    expect(cancelled('file://server/share/index.html')).toBe(true);
  });
});

describe('isAppPageUrl / isAllowedRequest', () => {
  it('knows the app page under any hash route and nothing else', () => {
    expect(isAppPageUrl(PAGE, paths)).toBe(true);
    expect(isAppPageUrl(`${PAGE}#/customer`, paths)).toBe(true);
    expect(isAppPageUrl(`${PAGE}?x=1`, paths)).toBe(false);
    expect(isAppPageUrl(pathToFileURL('/tmp/index.html').href, paths)).toBe(false);
    expect(isAppPageUrl('https://evil.example/', paths)).toBe(false);
    expect(isAppPageUrl('', paths)).toBe(false);
    expect(isAllowedRequest('not a url', paths)).toBe(false);
  });
});
