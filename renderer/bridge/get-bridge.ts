import type { ConnectedBridge } from './connected-bridge';
import { createHttpBridge } from './http-bridge';

/** Electron's preload puts the bridge on window.till; in a plain browser the till service is reached over HTTP. */
export function getBridge(): ConnectedBridge {
  return window.till ?? createHttpBridge();
}
