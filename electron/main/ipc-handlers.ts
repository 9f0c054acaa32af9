import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Logger } from '../../common/logger.js';
import type { TillEngine } from '../pos/engine-host.js';
import { runVerb, VERB_NAMES } from '../pos/verbs.js';
import type { BridgeResult, TillEvent, VerbName } from '../preload/bridge-types.js';
import { EVENT_CHANNEL, verbChannel } from '../preload/channels.js';
import { isAppPageUrl, type AppPaths, type WindowRole } from './window-factory.js';

// One handler per verb and nothing else. A call is served only when it comes from the top frame of one of the app's
// own windows showing the app's own page; the payload is then checked by runVerb before the engine sees it.

export interface AppWindowRef {
  role: WindowRole;
  webContents: WebContents;
}

export interface IpcDeps {
  engine: TillEngine;
  /** The app's windows as they are now (windows come and go). */
  windows: () => readonly AppWindowRef[];
  paths: AppPaths;
  logger?: Logger;
}

// The customer display only shows the sale on screen: it reads the snapshot and listens to events.
const ROLE_VERBS: Record<WindowRole, ReadonlySet<VerbName>> = {
  main: new Set(VERB_NAMES),
  customer: new Set<VerbName>(['snapshot']),
};

const NOT_ALLOWED: BridgeResult<never> = { ok: false, code: 'NOT_ALLOWED', message: 'Not allowed' };

function live(windows: readonly AppWindowRef[]): AppWindowRef[] {
  return windows.filter((window) => !window.webContents.isDestroyed());
}

/** Why a call may not be served, or undefined when it may. */
export function senderProblem(
  event: IpcMainInvokeEvent, verb: VerbName, windows: readonly AppWindowRef[], paths: AppPaths,
): string | undefined {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || frame.detached) return 'no sender frame';
  const window = live(windows).find((candidate) => candidate.webContents === event.sender);
  if (!window) return 'not an app window';
  if (frame.parent !== null || frame.frameTreeNodeId !== window.webContents.mainFrame.frameTreeNodeId) return 'not the top frame';
  if (!isAppPageUrl(frame.url, paths)) return 'not the app page';
  if (!ROLE_VERBS[window.role].has(verb)) return `not a ${window.role} window verb`;
  return undefined;
}

export interface IpcRegistration {
  dispose(): void;
}

export function registerIpcHandlers(deps: IpcDeps): IpcRegistration {
  const { engine, windows, paths, logger } = deps;
  for (const verb of VERB_NAMES) {
    const channel = verbChannel(verb);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const problem = senderProblem(event, verb, windows(), paths);
      if (problem) {
        logger?.warn('refused an IPC call', { channel, reason: problem, url: event.senderFrame?.url.slice(0, 200) });
        return NOT_ALLOWED;
      }
      return runVerb(engine, verb, payload);
    });
  }
  const unsubscribe = engine.subscribe((event: TillEvent) => {
    for (const window of live(windows())) {
      if (isAppPageUrl(window.webContents.getURL(), paths)) window.webContents.send(EVENT_CHANNEL, event);
    }
  });
  return {
    dispose() {
      unsubscribe();
      for (const verb of VERB_NAMES) ipcMain.removeHandler(verbChannel(verb));
    },
  };
}
