import type { VerbName } from './bridge-types.js';

// IPC channel names shared by the preload and the main process's handlers. No imports beyond types, so the sandboxed
// preload bundle stays free of anything but electron.

export const EVENT_CHANNEL = 'till:event';

export function verbChannel(verb: VerbName): `till:${VerbName}` {
  return `till:${verb}`;
}
