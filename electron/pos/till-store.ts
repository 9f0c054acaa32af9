import { z } from 'zod';
import { Journal, type JournalHooks } from './journal.js';
import type { SaleRecord } from './sale-record.js';

// The sales (each with its advice: the outbox) in memory, written through the journal. A change is made in a
// transaction: transactions run one at a time against the latest committed state, and a transaction's changes are
// visible (and may be acted on) only once the journal holding them is on disk. If the write fails, nothing changed.

const JOURNAL_FORMAT = 'qr-till-journal';
const JOURNAL_VERSION = 1;

const AdviceRecordSchema = z.looseObject({
  kind: z.enum(['confirmation', 'reversal']),
  reversalReason: z.enum(['TIMEOUT', 'CANCELLED', 'RESPONSE_NOT_FINAL']).optional(),
  state: z.enum(['held', 'pending', 'delivered', 'rejected']),
  adviceId: z.string().min(1),
  message: z.looseObject({ id: z.string(), requestId: z.string() }).optional(),
  queuedAt: z.string(),
  attempts: z.number().int().min(0),
  lastError: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  finishedAt: z.string().optional(),
  partnerOutcome: z.enum(['pending', 'accepted', 'refused', 'none']).optional(),
}).refine((advice) => advice.message !== undefined || (advice.state !== 'held' && advice.state !== 'pending'),
  'an advice still to send must keep its message');

const SaleRecordSchema = z.looseObject({
  saleId: z.string().min(1),
  startedAt: z.string(),
  updatedAt: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  phase: z.enum(['creating-qr', 'awaiting-scan', 'awaiting-approval', 'approved', 'declined', 'not-completed',
    'cancelled', 'voided']),
  receiptNumber: z.string().optional(),
  payRequest: z.looseObject({ id: z.string(), tranId: z.string() }).optional(),
  advice: AdviceRecordSchema.optional(),
});

const JournalDocument = z.object({
  format: z.literal(JOURNAL_FORMAT),
  version: z.literal(JOURNAL_VERSION),
  savedAt: z.string(),
  /** The last receipt number given; sales are dropped after a week, so the counter cannot be read off them. */
  lastReceipt: z.number().int().min(0).optional(),
  sales: z.array(SaleRecordSchema),
});

interface JournalContent {
  sales: SaleRecord[];
  lastReceipt: number;
}

/** The counter part of a receipt number (TILL0001-000042 → 42), or 0. */
export function receiptCounter(receiptNumber: string | undefined): number {
  const match = /-(\d+)$/.exec(receiptNumber ?? '');
  return match ? Number(match[1]) : 0;
}

function parseJournal(raw: unknown): JournalContent {
  const document = JournalDocument.parse(raw);
  const sales = document.sales as unknown as SaleRecord[];
  const highest = Math.max(0, ...sales.map((sale) => receiptCounter(sale.receiptNumber)));
  return { sales, lastReceipt: Math.max(document.lastReceipt ?? 0, highest) };
}

/** A transaction's view: reads see its own earlier writes. */
export interface StoreTx {
  get(saleId: string): SaleRecord | undefined;
  all(): SaleRecord[];
  put(sale: SaleRecord): void;
  remove(saleId: string): void;
  /** The next number of the till's receipt counter; taken only if the transaction commits. */
  nextReceipt(): number;
}

export interface CommitInfo {
  /** The committed records of the sales this transaction put. */
  changed: SaleRecord[];
  removed: string[];
}

export class TillStore {
  private sales: Map<string, SaleRecord>;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly listeners = new Set<(info: CommitInfo) => void>();

  private constructor(private readonly journal: Journal, sales: SaleRecord[], private lastReceipt: number) {
    this.sales = new Map(sales.map((sale) => [sale.saleId, sale]));
  }

  /** Throws JournalCorruptError (after moving the file aside) when the journal cannot be read, and JournalSetAsideError
   *  while such a moved file is still in the folder. */
  static async open(dataDir: string, hooks?: JournalHooks): Promise<TillStore> {
    const { journal, document } = await Journal.open(dataDir, parseJournal, hooks);
    return new TillStore(journal, document?.sales ?? [], document?.lastReceipt ?? 0);
  }

  get file(): string {
    return this.journal.file;
  }

  get(saleId: string): SaleRecord | undefined {
    return this.sales.get(saleId);
  }

  /** Committed sales, oldest first. */
  all(): SaleRecord[] {
    return [...this.sales.values()];
  }

  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `work` after every earlier transaction; writes its changes, if any, before resolving with its result. */
  transact<T>(work: (tx: StoreTx) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the till store is closed'));
    const run = this.queue.then(() => this.runTransaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTransaction<T>(work: (tx: StoreTx) => T): Promise<T> {
    const puts = new Map<string, SaleRecord>();
    const removals = new Set<string>();
    let lastReceipt = this.lastReceipt;
    const tx: StoreTx = {
      nextReceipt: () => ++lastReceipt,
      get: (saleId) => (removals.has(saleId) ? undefined : puts.get(saleId) ?? this.sales.get(saleId)),
      all: () => {
        const merged = new Map(this.sales);
        for (const saleId of removals) merged.delete(saleId);
        for (const [saleId, sale] of puts) merged.set(saleId, sale);
        return [...merged.values()];
      },
      put: (sale) => {
        removals.delete(sale.saleId);
        puts.set(sale.saleId, sale);
      },
      remove: (saleId) => {
        puts.delete(saleId);
        removals.add(saleId);
      },
    };
    const result = work(tx);
    if (puts.size === 0 && removals.size === 0 && lastReceipt === this.lastReceipt) return result;
    const next = new Map(this.sales);
    for (const saleId of removals) next.delete(saleId);
    for (const [saleId, sale] of puts) next.set(saleId, sale);
    await this.journal.write({
      format: JOURNAL_FORMAT, version: JOURNAL_VERSION, savedAt: new Date().toISOString(), lastReceipt, sales: [...next.values()],
    });
    this.sales = next;
    this.lastReceipt = lastReceipt;
    const info: CommitInfo = { changed: [...puts.values()], removed: [...removals] };
    for (const listener of this.listeners) {
      try {
        listener(info);
      } catch {
        // A listener's failure must not make a committed transaction look failed.
      }
    }
    return result;
  }

  /** Refuses new transactions and waits for those already queued. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
  }
}
