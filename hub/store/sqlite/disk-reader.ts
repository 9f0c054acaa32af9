import type Database from 'better-sqlite3';
import type { AdviceKind, AdviceRecord, PaymentRecord, PaymentState, QrCodeRecord, TimelineEvent, UpstreamAdviceRecord } from '../records.js';
import { prepareReadStatements, type ReadStatements } from './read-statements.js';
import { adviceFromRow, eventFromRow, paymentFromRow, qrFromRow, upstreamFromRow } from './rows.js';

type Row = Record<string, unknown>;

/** Everything about one tranId, as one record set. */
export interface Aggregate {
  tranId: string;
  qr?: QrCodeRecord;
  payment?: PaymentRecord;
  advices: AdviceRecord[];
  upstreamAdvice?: UpstreamAdviceRecord;
}

/** Committed state, read on the main thread through a query-only connection (WAL lets it read while the writer writes). */
export class DiskReader {
  private readonly s: ReadStatements;

  constructor(db: Database.Database) {
    this.s = prepareReadStatements(db);
  }

  aggregate(tranId: string): Aggregate {
    const qrRow = this.s.qrByTran.get(tranId) as Row | undefined;
    const paymentRow = this.s.paymentByTran.get(tranId) as Row | undefined;
    const aggregate: Aggregate = { tranId, advices: [] };
    if (qrRow) aggregate.qr = qrFromRow(qrRow);
    if (paymentRow) {
      const payment = paymentFromRow(paymentRow);
      aggregate.payment = payment;
      aggregate.advices = (this.s.advicesByPayment.all(payment.id) as Row[]).map(adviceFromRow);
      const upstream = this.s.upstreamByPayment.get(payment.id) as Row | undefined;
      if (upstream) aggregate.upstreamAdvice = upstreamFromRow(upstream);
    }
    return aggregate;
  }

  paymentOwner(paymentId: string): { tranId: string; clientId: string } | undefined {
    const row = this.s.tranOfPayment.get(paymentId) as { tran_id: string; client_id: string } | undefined;
    return row && { tranId: row.tran_id, clientId: row.client_id };
  }

  advice(kind: AdviceKind, id: string): AdviceRecord | undefined {
    const row = this.s.adviceById.get(kind, id) as Row | undefined;
    return row ? adviceFromRow(row) : undefined;
  }

  createIdExists(createId: string): boolean {
    return this.s.qrCreateIdExists.get(createId) !== undefined;
  }

  scanExists(id: string): boolean {
    return this.s.scanExists.get(id) !== undefined;
  }

  tombstoned(clientId: string, paymentId: string): boolean {
    return this.s.tombstone.get(clientId, paymentId) !== undefined;
  }

  timeline(tranId: string): TimelineEvent[] {
    return (this.s.eventsByTran.all(tranId) as Row[]).map(eventFromRow);
  }

  paymentsInState(state: PaymentState): PaymentRecord[] {
    return (this.s.paymentsByState.all(state) as Row[]).map(paymentFromRow);
  }

  upstreamAdvices(state: UpstreamAdviceRecord['state']): UpstreamAdviceRecord[] {
    return (this.s.upstreamByState.all(state) as Row[]).map(upstreamFromRow);
  }

  maxEventSeq(): number {
    return (this.s.maxSeq.get() as { seq: number }).seq;
  }
}
