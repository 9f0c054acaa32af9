import {
  app, BrowserWindow, type Rectangle, type Session, type WebContents, type WebPreferences,
} from 'electron';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from '../../common/logger.js';
import { CONTENT_SECURITY_POLICY } from '../../common/content-security-policy.js';

// The one place windows are made. Every security setting is spelled out, the app's own page is the only thing ever
// loaded, and the session refuses remote content, permissions and navigation.

export interface AppPaths {
  /** dist/renderer: everything the page may load lives here. */
  rendererDir: string;
  /** dist/renderer/index.html */
  rendererIndex: string;
  /** dist/electron/preload.cjs */
  preload: string;
}

export function appPaths(appRoot: string): AppPaths {
  const rendererDir = join(appRoot, 'dist', 'renderer');
  return {
    rendererDir,
    rendererIndex: join(rendererDir, 'index.html'),
    preload: join(appRoot, 'dist', 'electron', 'preload.cjs'),
  };
}

export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    preload,
  };
}

/** The app's page as a file URL, without hash or query. */
export function appPageUrl(paths: AppPaths): string {
  return pathToFileURL(paths.rendererIndex).href;
}

/** Whether `url` is the app's own page (any hash route, no query). */
export function isAppPageUrl(url: string, paths: AppPaths): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.search !== '') return false;
  parsed.hash = '';
  return parsed.href === appPageUrl(paths);
}

function isInside(dir: string, file: string): boolean {
  return resolve(file).startsWith(resolve(dir) + sep);
}

// data: and blob: carry the QR image and the CSV download; the CSP still decides what the page may use them for.
const LOCAL_SCHEMES = new Set(['devtools:', 'data:', 'blob:']);

/** Whether the session may fetch `url`: only the renderer's own files (and DevTools), never the network. */
export function isAllowedRequest(url: string, paths: AppPaths): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  try {
    return isInside(paths.rendererDir, fileURLToPath(parsed));
  } catch {
    return false;
  }
}

// The one exception to "deny every permission": the demo-mode copy button writes the QR payload to the clipboard
// (write only, from the app's own top frame). Reading the clipboard stays denied.
function permissionAllowed(permission: string, requestingUrl: string | undefined, isMainFrame: boolean, paths: AppPaths) {
  return permission === 'clipboard-sanitized-write' && isMainFrame && requestingUrl !== undefined
    && isAppPageUrl(requestingUrl, paths);
}

export function hardenSession(session: Session, paths: AppPaths, logger?: Logger): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, paths);
    if (!allowed) logger?.warn('blocked a request', { url: details.url.slice(0, 200) });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = permissionAllowed(permission, details.requestingUrl, details.isMainFrame, paths);
    if (!allowed) logger?.warn('denied a permission request', { permission });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl, details.isMainFrame, paths));
  session.setDevicePermissionHandler(() => false);
}

const hardened = new WeakSet<WebContents>();

/** Navigation, new windows and webviews are refused for every web contents (the app never navigates). */
export function hardenWebContents(contents: WebContents, logger?: Logger): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const refuse = (what: string) => (event: { preventDefault(): void }, url?: string) => {
    event.preventDefault();
    logger?.warn(`refused ${what}`, { url: typeof url === 'string' ? url.slice(0, 200) : undefined });
  };
  contents.on('will-navigate', refuse('navigation'));
  contents.on('will-frame-navigate', (event) => refuse('frame navigation')(event, event.url));
  contents.on('will-redirect', refuse('redirect'));
  contents.on('will-attach-webview', (event) => refuse('webview')(event));
  contents.setWindowOpenHandler(({ url }) => {
    logger?.warn('refused window.open', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

export type WindowRole = 'main' | 'customer';

export interface AppWindowOptions {
  role: WindowRole;
  paths: AppPaths;
  /** Where to put the window (the customer display goes on the second screen). */
  bounds?: Rectangle;
  fullscreen?: boolean;
  kiosk?: boolean;
  /** Development only: a packaged app never gets DevTools, whatever is asked. */
  devTools?: boolean;
  logger?: Logger;
}

/** Hash route of each window's page; the renderer routes on it. */
export const ROLE_HASH: Record<WindowRole, string | undefined> = { main: undefined, customer: '/customer' };

export function createAppWindow(options: AppWindowOptions): BrowserWindow {
  const { role, paths, bounds, logger } = options;
  const window = new BrowserWindow({
    title: role === 'customer' ? 'QR Till — customer display' : 'QR Till',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    ...bounds,
    show: false,
    fullscreen: options.fullscreen ?? false,
    kiosk: options.kiosk ?? false,
    autoHideMenuBar: role === 'customer',
    backgroundColor: '#ffffff',
    webPreferences: { ...secureWebPreferences(paths.preload), devTools: !app.isPackaged && (options.devTools ?? false) },
  });
  hardenWebContents(window.webContents, logger);
  window.webContents.on('render-process-gone', (_event, details) => {
    logger?.error('page process ended', { role, reason: details.reason, exitCode: details.exitCode });
  });
  window.once('ready-to-show', () => window.show());
  const hash = ROLE_HASH[role];
  window.loadFile(paths.rendererIndex, hash ? { hash } : undefined).catch((error: unknown) => {
    logger?.error('cannot load the till page', { role, error });
  });
  return window;
}
