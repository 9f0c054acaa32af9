import type { TillBridge } from '../../electron/preload/bridge-types';

export type EventStreamState = 'open' | 'lost';

/**
 * A bridge whose event stream can drop and come back (browser mode). Events sent while it was down are lost,
 * so the app re-reads the snapshot whenever the stream (re)opens. The Electron bridge never drops events.
 */
export interface ConnectedBridge extends TillBridge {
  onStreamState?(listener: (state: EventStreamState) => void): () => void;
}
