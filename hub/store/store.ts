import type {
  AdviceKind, AdviceRecord, PaymentRecord, PaymentState, QrCodeRecord, ScanRecord, TimelineEvent, UpstreamAdviceRecord,
} from './records.js';

// The repository the hub's services use. Rules live in the services as pure `decide` functions; a backend loads a
// view, calls `decide` inside one atomic transaction, applies the declarative writes, and publishes the committed
// timeline events. This shape works for SQLite (group commit) and for PostgreSQL (row locks per tranId) alike.

export interface ViewKey {
  tranId?: string;
  paymentId?: string;
  /** Restricts the payment lookup to this client (advices, docs/protocol.md §8 lookup scope). */
  clientId?: string;
  advice?: { kind: AdviceKind; id: string };
  tombstone?: { clientId: string; paymentId: string };
  /** Whether an id is already used (docs/protocol.md §8: a reused id is DUPLICATE_RECORD before anything else is checked). */
  idTaken?: { kind: 'createId' | 'payment'; id: string };
}

export interface TranView {
  qr?: QrCodeRecord;
  payment?: PaymentRecord;
  /** POS advices already recorded for the payment. */
  advices: AdviceRecord[];
  /** An advice with the id of `key.advice`, whatever payment it belongs to. */
  adviceById?: AdviceRecord;
  upstreamAdvice?: UpstreamAdviceRecord;
  tombstoned: boolean;
  idTaken: boolean;
}

export type Write =
  | { op: 'insertQrCode'; qr: QrCodeRecord }
  | { op: 'insertPayment'; payment: PaymentRecord }
  | { op: 'updatePayment'; payment: PaymentRecord }
  | { op: 'insertScan'; scan: ScanRecord }
  | { op: 'insertAdvice'; advice: AdviceRecord }
  | { op: 'insertTombstone'; clientId: string; paymentId: string; at: number }
  | { op: 'insertUpstreamAdvice'; advice: UpstreamAdviceRecord }
  | { op: 'updateUpstreamAdvice'; advice: UpstreamAdviceRecord }
  | { op: 'event'; event: TimelineEvent };

export interface Change<T> {
  result: T;
  writes: Write[];
}

export type UniqueTarget = 'qr.createId' | 'qr.tranId' | 'payment.id' | 'payment.tranId' | 'scan.id' | 'advice.id'
  | 'upstreamAdvice.paymentId' | 'other';

/** A unique constraint refused a write: the whole change was rolled back. */
export class UniqueViolation extends Error {
  constructor(readonly target: UniqueTarget) {
    super(`unique constraint violated: ${target}`);
  }
}

export type EventListener = (events: TimelineEvent[]) => void;

export interface HubStore {
  /** Atomically: load the view for `key`, run `decide`, apply its writes, commit durably, then resolve. */
  transact<T>(key: ViewKey, decide: (view: TranView) => Change<T>): Promise<T>;
  /** Committed timeline events, in commit order. */
  onCommittedEvents(listener: EventListener): () => void;
  /** The committed view for `key`, read without a transaction slot (for answers that change nothing). */
  readView(key: ViewKey): Promise<TranView>;
  /** The latest decided view, which may include changes still being committed: for a step that follows a committed event. */
  latestView(key: ViewKey): Promise<TranView>;
  timeline(tranId: string): Promise<TimelineEvent[]>;
  paymentsInStates(states: PaymentState[]): Promise<PaymentRecord[]>;
  dueUpstreamAdvices(now: number, limit: number): Promise<UpstreamAdviceRecord[]>;
  nextUpstreamAdviceAt(): Promise<number | undefined>;
  upstreamAdvices(state: UpstreamAdviceRecord['state']): Promise<UpstreamAdviceRecord[]>;
  close(): Promise<void>;
}
