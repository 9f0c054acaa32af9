import type { Aggregate } from './disk-reader.js';

interface Entry {
  aggregate: Aggregate;
  /** Batches not yet committed that wrote this aggregate: it may not be evicted, the disk is behind it. */
  pins: number;
}

/**
 * The store's memory: aggregates with uncommitted writes (authoritative until their commit) and the most recently
 * used committed ones. Anything else is read from disk on demand.
 */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly tranOfPayment = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get(tranId: string): Aggregate | undefined {
    const entry = this.entries.get(tranId);
    if (!entry) return undefined;
    this.entries.delete(tranId);
    this.entries.set(tranId, entry);
    return entry.aggregate;
  }

  tranIdOfPayment(paymentId: string): string | undefined {
    return this.tranOfPayment.get(paymentId);
  }

  /** Stores an aggregate; `pin` keeps it (one pin per uncommitted write, released by `unpin`) before anything is evicted. */
  put(aggregate: Aggregate, pin = false): void {
    const existing = this.entries.get(aggregate.tranId);
    this.entries.delete(aggregate.tranId);
    this.entries.set(aggregate.tranId, { aggregate, pins: (existing?.pins ?? 0) + (pin ? 1 : 0) });
    if (aggregate.payment) this.tranOfPayment.set(aggregate.payment.id, aggregate.tranId);
    this.evict();
  }

  unpin(tranId: string): void {
    const entry = this.entries.get(tranId);
    if (entry && entry.pins > 0) entry.pins--;
  }

  clear(): void {
    this.entries.clear();
    this.tranOfPayment.clear();
  }

  private evict(): void {
    if (this.entries.size <= this.capacity) return;
    for (const [tranId, entry] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      if (entry.pins > 0) continue;
      this.entries.delete(tranId);
      if (entry.aggregate.payment) this.tranOfPayment.delete(entry.aggregate.payment.id);
    }
  }
}
