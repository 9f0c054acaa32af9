import type { AdviceRecord } from '../records.js';

/**
 * Unique keys inserted by batches whose commit is still pending. Together with the disk (which answers for
 * everything committed) they decide every unique constraint before a change is applied.
 */
export class PendingKeys {
  private readonly counts = new Map<string, number>();
  private readonly advices = new Map<string, AdviceRecord>();

  has(key: string): boolean {
    return this.counts.has(key);
  }

  advice(key: string): AdviceRecord | undefined {
    return this.advices.get(key);
  }

  /** Records `key` as inserted by the batch whose keys are `batchKeys`. */
  reserve(key: string, batchKeys: string[], advice?: AdviceRecord): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (advice) this.advices.set(key, advice);
    batchKeys.push(key);
  }

  /** The batch committed: the disk now answers for its keys. */
  release(batchKeys: string[]): void {
    for (const key of batchKeys) {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) this.counts.set(key, left);
      else {
        this.counts.delete(key);
        this.advices.delete(key);
      }
    }
  }
}

export const keys = {
  createId: (createId: string) => `qr:${createId}`,
  payment: (paymentId: string) => `payment:${paymentId}`,
  scan: (scanId: string) => `scan:${scanId}`,
  advice: (kind: string, id: string) => `advice:${kind}:${id}`,
  tombstone: (tombstone: { clientId: string; paymentId: string }) => `tombstone:${tombstone.clientId}:${tombstone.paymentId}`,
};
