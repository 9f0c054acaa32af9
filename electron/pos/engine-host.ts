import type { Logger } from '../../common/logger.js';
import type { TillEvent, TillStatus, TillVerbs } from '../preload/bridge-types.js';
import type { JournalHooks } from './journal.js';
import type { TillSettings } from './settings.js';

// What a host (Electron main, or the browser-mode till service) gets from the POS engine and gives it.

export interface TillEngineOptions {
  /** Folder for the engine's durable files (outbox and sales journal), locked while the engine is open. Created if
   *  missing. */
  dataDir: string;
  settings: TillSettings;
  /** Persists changed settings (Electron encrypts the password with safeStorage); called before saveSettings answers. */
  persistSettings?: (settings: TillSettings) => Promise<void>;
  logger?: Logger;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
  /** Fault injection into journal writes (tests). */
  journalHooks?: JournalHooks;
}

export interface TillEngine extends TillVerbs {
  subscribe(listener: (event: TillEvent) => void): () => void;
  /** Local mode: the host reports the state of the bundled hub and demo partner processes. */
  setServices(services: TillStatus['services']): void;
  /**
   * Settles a sale still in progress as the next open would (a paying one is reversed), gives those reversals about
   * 3 s to reach the hub, then stops timers and streams and releases the data folder. Whatever is still queued stays
   * on disk and is sent by the next open.
   */
  close(): Promise<void>;
}
