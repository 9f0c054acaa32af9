import type Database from 'better-sqlite3';
import type { AdviceKind, AdviceRecord, PaymentState, TimelineEvent, UpstreamAdviceRecord } from '../records.js';
import {
  UniqueViolation, type Change, type EventListener, type HubStore, type TranView, type ViewKey, type Write,
} from '../store.js';
import { AggregateCache } from './aggregate-cache.js';
import { keys, PendingKeys } from './pending-keys.js';
import { DiskReader, type Aggregate } from './disk-reader.js';
import { migrate, openConnection } from './open-database.js';
import { paymentToWire } from './rows.js';
import { WriterClient } from './writer-client.js';
import type { WireWrite } from './writer-protocol.js';

/** Answers for keys outside the aggregate: from memory and disk for decisions, from disk alone for committed reads. */
interface KeyLookups {
  advice(kind: AdviceKind, id: string): AdviceRecord | undefined;
  tombstoned(tombstone: { clientId: string; paymentId: string }): boolean;
  idTaken(id: NonNullable<ViewKey['idTaken']>): boolean;
}

interface Batch {
  writes: WireWrite[];
  waiters: { resolve: (value: unknown) => void; reject: (error: unknown) => void; value: unknown }[];
  events: TimelineEvent[];
  tranIds: string[];
  pendingKeys: string[];
}

export interface SqliteStoreOptions {
  /** Committed aggregates kept in memory besides those with uncommitted writes (a flow touches its own within ms). */
  cacheSize?: number;
  /** The writer thread failed: memory is ahead of the disk, so the process must stop and recover from disk. */
  onFatal?: (error: Error) => void;
}

/**
 * SQLite behind better-sqlite3. Decisions run on the main thread against memory (uncommitted writes included, so
 * changes are serial per tranId); their writes go to a writer thread that group-commits them with synchronous=FULL.
 * A change's promise resolves, and its timeline events are published, only after its batch is on disk.
 */
export class SqliteStore implements HubStore {
  private batch: Batch | undefined;
  private lastCommit: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<EventListener>();
  private readonly pending = new PendingKeys();
  private readonly dueAdvices = new Map<string, UpstreamAdviceRecord>();
  private nextSeq: number;
  private failure: Error | undefined;

  private constructor(private readonly db: Database.Database, private readonly disk: DiskReader,
    private readonly writer: WriterClient, private readonly cache: AggregateCache) {
    this.nextSeq = disk.maxEventSeq() + 1;
    for (const advice of disk.upstreamAdvices('pending')) this.dueAdvices.set(advice.id, advice);
  }

  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    const db = openConnection(path);
    migrate(db);
    db.pragma('query_only = ON');
    let store: SqliteStore | undefined;
    const writer = await WriterClient.start(path, (error) => {
      store?.fail(error);
      options.onFatal?.(error);
    });
    store = new SqliteStore(db, new DiskReader(db), writer, new AggregateCache(options.cacheSize ?? 256));
    return store;
  }

  transact<T>(key: ViewKey, decide: (view: TranView) => Change<T>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    let change: Change<T>;
    try {
      change = decide(this.view(key));
      this.checkUnique(change.writes);
    } catch (error) {
      return Promise.reject(error);
    }
    const batch = this.currentBatch();
    for (const write of change.writes) batch.writes.push(this.applyToMemory(write, batch));
    return new Promise<T>((resolve, reject) => batch.waiters.push({ resolve: resolve as (value: unknown) => void, reject, value: change.result }));
  }

  private currentBatch(): Batch {
    if (!this.batch) {
      this.batch = { writes: [], waiters: [], events: [], tranIds: [], pendingKeys: [] };
      setImmediate(() => this.flush());
    }
    return this.batch;
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch) return;
    // A change without writes may rest on writes still being committed (an advice repeated in parallel): its answer
    // waits for every commit before it.
    const durable = batch.writes.length === 0 ? this.lastCommit : this.writer.commit(batch.writes);
    this.lastCommit = durable;
    durable.then(() => this.committed(batch), (error: Error) => {
      for (const waiter of batch.waiters) waiter.reject(error);
    });
  }

  private committed(batch: Batch): void {
    for (const tranId of batch.tranIds) this.cache.unpin(tranId);
    this.pending.release(batch.pendingKeys);
    for (const write of batch.writes) {
      if (write.op !== 'insertUpstreamAdvice' && write.op !== 'updateUpstreamAdvice') continue;
      if (write.advice.state === 'pending') this.dueAdvices.set(write.advice.id, write.advice);
      else this.dueAdvices.delete(write.advice.id);
    }
    for (const waiter of batch.waiters) waiter.resolve(waiter.value);
    if (batch.events.length > 0) for (const listener of this.listeners) listener(batch.events);
  }

  private aggregate(tranId: string): Aggregate {
    const cached = this.cache.get(tranId);
    if (cached) return cached;
    const loaded = this.disk.aggregate(tranId);
    if (loaded.qr) this.cache.put(loaded);
    return loaded;
  }

  private paymentTran(paymentId: string, clientId?: string): string | undefined {
    const cachedTran = this.cache.tranIdOfPayment(paymentId);
    if (cachedTran !== undefined) {
      const payment = this.aggregate(cachedTran).payment;
      return payment && (clientId === undefined || payment.clientId === clientId) ? cachedTran : undefined;
    }
    const owner = this.disk.paymentOwner(paymentId);
    return owner && (clientId === undefined || owner.clientId === clientId) ? owner.tranId : undefined;
  }

  private view(key: ViewKey): TranView {
    const tranId = key.paymentId !== undefined ? this.paymentTran(key.paymentId, key.clientId) : key.tranId;
    return this.toView(tranId !== undefined ? this.aggregate(tranId) : undefined, key, {
      advice: (kind, id) => this.pending.advice(keys.advice(kind, id)) ?? this.disk.advice(kind, id),
      tombstoned: (tombstone) => this.pending.has(keys.tombstone(tombstone)) || this.disk.tombstoned(tombstone.clientId, tombstone.paymentId),
      idTaken: ({ kind, id }) => kind === 'createId'
        ? this.pending.has(keys.createId(id)) || this.disk.createIdExists(id)
        : this.pending.has(keys.payment(id)) || this.disk.paymentOwner(id) !== undefined,
    });
  }

  private toView(aggregate: Aggregate | undefined, key: ViewKey, lookups: KeyLookups): TranView {
    const view: TranView = {
      advices: aggregate?.payment ? [...aggregate.advices] : [],
      tombstoned: key.tombstone ? lookups.tombstoned(key.tombstone) : false,
      idTaken: key.idTaken ? lookups.idTaken(key.idTaken) : false,
    };
    if (aggregate?.qr) view.qr = aggregate.qr;
    if (aggregate?.payment) view.payment = aggregate.payment;
    if (aggregate?.upstreamAdvice) view.upstreamAdvice = aggregate.upstreamAdvice;
    if (key.advice) {
      const advice = lookups.advice(key.advice.kind, key.advice.id);
      if (advice) view.adviceById = advice;
    }
    return view;
  }

  /** Unique constraints, checked before anything changes: memory answers for uncommitted keys, the disk for the rest. */
  private checkUnique(writes: Write[]): void {
    for (const write of writes) {
      switch (write.op) {
        case 'insertQrCode':
          if (this.pending.has(keys.createId(write.qr.createId)) || this.disk.createIdExists(write.qr.createId)) throw new UniqueViolation('qr.createId');
          // A tranId is 122 random bits: memory catches a clash with a live code; the table's key, the rest.
          if (this.cache.get(write.qr.tranId)?.qr) throw new UniqueViolation('qr.tranId');
          break;
        case 'insertPayment':
          if (this.pending.has(keys.payment(write.payment.id)) || this.disk.paymentOwner(write.payment.id)) throw new UniqueViolation('payment.id');
          if (this.aggregate(write.payment.tranId).payment) throw new UniqueViolation('payment.tranId');
          break;
        case 'insertScan':
          if (this.pending.has(keys.scan(write.scan.id)) || this.disk.scanExists(write.scan.id)) throw new UniqueViolation('scan.id');
          break;
        case 'insertAdvice': {
          const key = keys.advice(write.advice.kind, write.advice.id);
          if (this.pending.has(key) || this.disk.advice(write.advice.kind, write.advice.id)) throw new UniqueViolation('advice.id');
          break;
        }
        case 'insertUpstreamAdvice':
          if (this.aggregate(write.advice.tranId).upstreamAdvice) throw new UniqueViolation('upstreamAdvice.paymentId');
          break;
        default:
          break;
      }
    }
  }

  private applyToMemory(write: Write, batch: Batch): WireWrite {
    const touch = (aggregate: Aggregate) => {
      this.cache.put(aggregate, true);
      batch.tranIds.push(aggregate.tranId);
    };
    const reserve = (key: string, advice?: AdviceRecord) => this.pending.reserve(key, batch.pendingKeys, advice);
    switch (write.op) {
      case 'insertQrCode':
        touch({ tranId: write.qr.tranId, qr: write.qr, advices: [] });
        reserve(keys.createId(write.qr.createId));
        return write;
      case 'insertPayment':
      case 'updatePayment': {
        const aggregate = this.aggregate(write.payment.tranId);
        const previous = aggregate.payment;
        aggregate.payment = write.payment;
        touch(aggregate);
        if (write.op === 'insertPayment') reserve(keys.payment(write.payment.id));
        return { op: write.op, payment: paymentToWire(write.payment, write.op === 'updatePayment' ? previous : undefined) };
      }
      case 'insertScan':
        reserve(keys.scan(write.scan.id));
        return write;
      case 'insertAdvice': {
        const tranId = this.paymentTran(write.advice.paymentId);
        if (tranId !== undefined) {
          const aggregate = this.aggregate(tranId);
          aggregate.advices = [...aggregate.advices, write.advice];
          touch(aggregate);
        }
        reserve(keys.advice(write.advice.kind, write.advice.id), write.advice);
        return write;
      }
      case 'insertTombstone':
        reserve(keys.tombstone(write));
        return write;
      case 'insertUpstreamAdvice':
      case 'updateUpstreamAdvice': {
        const aggregate = this.aggregate(write.advice.tranId);
        aggregate.upstreamAdvice = write.advice;
        touch(aggregate);
        return write;
      }
      case 'event':
        write.event.seq = this.nextSeq++;
        batch.events.push(write.event);
        return write;
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.cache.clear();
  }

  onCommittedEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async latestView(key: ViewKey): Promise<TranView> {
    return this.view(key);
  }

  async readView(key: ViewKey): Promise<TranView> {
    let tranId = key.tranId;
    if (key.paymentId !== undefined) {
      const owner = this.disk.paymentOwner(key.paymentId);
      tranId = owner && (key.clientId === undefined || owner.clientId === key.clientId) ? owner.tranId : undefined;
    }
    return this.toView(tranId !== undefined ? this.disk.aggregate(tranId) : undefined, key, {
      advice: (kind, id) => this.disk.advice(kind, id),
      tombstoned: (tombstone) => this.disk.tombstoned(tombstone.clientId, tombstone.paymentId),
      idTaken: ({ kind, id }) => (kind === 'createId' ? this.disk.createIdExists(id) : this.disk.paymentOwner(id) !== undefined),
    });
  }

  async timeline(tranId: string) {
    return this.disk.timeline(tranId);
  }

  async paymentsInStates(states: PaymentState[]) {
    return states.flatMap((state) => this.disk.paymentsInState(state));
  }

  async dueUpstreamAdvices(now: number, limit: number) {
    return [...this.dueAdvices.values()].filter((advice) => advice.nextAttemptAt <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt).slice(0, limit);
  }

  async nextUpstreamAdviceAt() {
    let next: number | undefined;
    for (const advice of this.dueAdvices.values()) if (next === undefined || advice.nextAttemptAt < next) next = advice.nextAttemptAt;
    return next;
  }

  async upstreamAdvices(state: UpstreamAdviceRecord['state']) {
    return this.disk.upstreamAdvices(state);
  }

  async close(): Promise<void> {
    this.flush();
    await this.writer.close();
    this.db.close();
  }
}
