import type { TimelineEvent } from '../store/records.js';
import type { HubStore } from '../store/store.js';

export type TranListener = (event: TimelineEvent) => void;

/**
 * Fans committed timeline events out to whoever waits on a tranId: held payments and event-stream subscribers.
 * Events come from the store only after their commit, so a listener never acts on state that could still vanish.
 */
export class TimelineBus {
  private readonly listeners = new Map<string, Set<TranListener>>();
  private readonly detach: () => void;

  constructor(store: HubStore) {
    this.detach = store.onCommittedEvents((events) => {
      for (const event of events) {
        const set = this.listeners.get(event.tranId);
        if (!set) continue;
        for (const listener of [...set]) listener(event);
      }
    });
  }

  subscribe(tranId: string, listener: TranListener): () => void {
    let set = this.listeners.get(tranId);
    if (!set) {
      set = new Set();
      this.listeners.set(tranId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(tranId) === set) this.listeners.delete(tranId);
    };
  }

  close(): void {
    this.detach();
    this.listeners.clear();
  }
}
