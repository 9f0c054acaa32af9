import type Database from 'better-sqlite3';
import type { PaymentState, TimelineEvent, UpstreamAdviceRecord } from '../records.js';
import {
  UniqueViolation, type Change, type EventListener, type HubStore, type TranView, type UniqueTarget, type ViewKey,
  type Write,
} from '../store.js';
import { openDatabase } from './open-database.js';
import {
  adviceFromRow, eventFromRow, paymentFromRow, paymentToRow, qrFromRow, qrToRow, upstreamFromRow, upstreamToRow,
} from './rows.js';
import { prepareStatements, type Statements } from './statements.js';

type Row = Record<string, unknown>;

interface Pending {
  key: ViewKey;
  decide: (view: TranView) => Change<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown; events: TimelineEvent[] } | { ok: false; error: unknown };

const UNIQUE_TARGETS: Record<string, UniqueTarget> = {
  'qr_codes.create_id': 'qr.createId',
  'qr_codes.tran_id': 'qr.tranId',
  'payments.id': 'payment.id',
  'payments.tran_id': 'payment.tranId',
  'scans.id': 'scan.id',
  'advices.kind, advices.id': 'advice.id',
  'upstream_advices.payment_id': 'upstreamAdvice.paymentId',
};

/**
 * SQLite behind better-sqlite3, with group commit: every change asked for in one turn of the event loop runs in
 * one IMMEDIATE transaction (each change in its own savepoint), so one fsync (synchronous=FULL) covers the batch.
 * No promise resolves before the commit that made its change durable.
 */
export class SqliteStore implements HubStore {
  private readonly statements: Statements;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private readonly listeners = new Set<EventListener>();
  private readonly runChange: (item: Pending) => { value: unknown; events: TimelineEvent[] };
  private readonly runBatch: (batch: Pending[]) => Outcome[];

  constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.runChange = db.transaction((item: Pending) => {
      const change = item.decide(this.loadView(item.key));
      const events: TimelineEvent[] = [];
      for (const write of change.writes) this.apply(write, events);
      return { value: change.result, events };
    });
    this.runBatch = (batch) => {
      const outcomes: Outcome[] = [];
      db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, ...this.runChange(item) });
          } catch (error) {
            outcomes.push({ ok: false, error: toUniqueViolation(error) });
          }
        }
      }).immediate();
      return outcomes;
    };
  }

  static open(path: string): SqliteStore {
    return new SqliteStore(openDatabase(path));
  }

  transact<T>(key: ViewKey, decide: (view: TranView) => Change<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ key, decide, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.runBatch(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const committed: TimelineEvent[] = [];
    outcomes.forEach((outcome, index) => {
      const item = batch[index]!;
      if (outcome.ok) {
        committed.push(...outcome.events);
        item.resolve(outcome.value);
      } else item.reject(outcome.error);
    });
    if (committed.length > 0) for (const listener of this.listeners) listener(committed);
  }

  private loadView(key: ViewKey): TranView {
    const s = this.statements;
    let paymentRow: Row | undefined;
    if (key.paymentId !== undefined) {
      paymentRow = (key.clientId !== undefined
        ? s.paymentByIdAndClient.get(key.paymentId, key.clientId)
        : s.paymentById.get(key.paymentId)) as Row | undefined;
    } else if (key.tranId !== undefined) {
      paymentRow = s.paymentByTran.get(key.tranId) as Row | undefined;
    }
    const payment = paymentRow ? paymentFromRow(paymentRow) : undefined;
    const tranId = key.tranId ?? payment?.tranId;
    const qrRow = tranId !== undefined ? (s.qrByTran.get(tranId) as Row | undefined) : undefined;
    const view: TranView = {
      advices: payment ? (s.advicesByPayment.all(payment.id) as Row[]).map(adviceFromRow) : [],
      tombstoned: key.tombstone ? s.tombstone.get(key.tombstone.clientId, key.tombstone.paymentId) !== undefined : false,
    };
    if (qrRow) view.qr = qrFromRow(qrRow);
    if (payment) view.payment = payment;
    if (key.advice) {
      const row = s.adviceById.get(key.advice.kind, key.advice.id) as Row | undefined;
      if (row) view.adviceById = adviceFromRow(row);
    }
    if (payment) {
      const row = s.upstreamByPayment.get(payment.id) as Row | undefined;
      if (row) view.upstreamAdvice = upstreamFromRow(row);
    }
    return view;
  }

  private apply(write: Write, events: TimelineEvent[]): void {
    const s = this.statements;
    switch (write.op) {
      case 'insertQrCode':
        s.insertQr.run(qrToRow(write.qr));
        return;
      case 'insertPayment':
        s.insertPayment.run(paymentToRow(write.payment));
        return;
      case 'updatePayment':
        s.updatePayment.run(paymentToRow(write.payment));
        return;
      case 'insertScan': {
        const { notification, accepted, ...scan } = write.scan;
        s.insertScan.run({ ...scan, accepted: accepted ? 1 : 0, notification: JSON.stringify(notification) });
        return;
      }
      case 'insertAdvice':
        s.insertAdvice.run({ ...write.advice, body: JSON.stringify(write.advice.body) });
        return;
      case 'insertTombstone':
        s.insertTombstone.run(write.clientId, write.paymentId, write.at);
        return;
      case 'insertUpstreamAdvice':
        s.insertUpstream.run(upstreamToRow(write.advice));
        return;
      case 'updateUpstreamAdvice':
        s.updateUpstream.run(upstreamToRow(write.advice));
        return;
      case 'event': {
        const { tranId, at, type, detail } = write.event;
        const info = s.insertEvent.run(tranId, at, type, detail ? JSON.stringify(detail) : null);
        events.push({ ...write.event, seq: Number(info.lastInsertRowid) });
        return;
      }
    }
  }

  onCommittedEvents(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async timeline(tranId: string) {
    return (this.statements.eventsByTran.all(tranId) as Row[]).map(eventFromRow);
  }

  async readView(key: ViewKey): Promise<TranView> {
    return this.loadView(key);
  }

  async paymentsInStates(states: PaymentState[]) {
    return states.flatMap((state) => (this.statements.paymentsByState.all(state) as Row[]).map(paymentFromRow));
  }

  async dueUpstreamAdvices(now: number, limit: number) {
    return (this.statements.upstreamDue.all(now, limit) as Row[]).map(upstreamFromRow);
  }

  async nextUpstreamAdviceAt() {
    const row = this.statements.upstreamNextAt.get() as { at: number | null };
    return row.at ?? undefined;
  }

  async upstreamAdvices(state?: UpstreamAdviceRecord['state']) {
    const rows = state ? this.statements.upstreamByState.all(state) : this.statements.upstreamAll.all();
    return (rows as Row[]).map(upstreamFromRow);
  }

  async close(): Promise<void> {
    this.flush();
    this.db.close();
  }
}

function toUniqueViolation(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  const columns = /constraint failed: (.+)$/.exec((error as Error).message)?.[1] ?? '';
  return new UniqueViolation(UNIQUE_TARGETS[columns] ?? 'other');
}
