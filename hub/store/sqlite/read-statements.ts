import type Database from 'better-sqlite3';

// The main thread's read-only statements: committed state only.

export function prepareReadStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    qrByTran: s('SELECT * FROM qr_codes WHERE tran_id = ?'),
    qrCreateIdExists: s('SELECT 1 FROM qr_codes WHERE create_id = ?'),
    paymentByTran: s('SELECT * FROM payments WHERE tran_id = ?'),
    paymentById: s('SELECT * FROM payments WHERE id = ?'),
    tranOfPayment: s('SELECT tran_id, client_id FROM payments WHERE id = ?'),
    paymentsByState: s('SELECT * FROM payments WHERE state = ?'),
    scanExists: s('SELECT 1 FROM scans WHERE id = ?'),
    advicesByPayment: s('SELECT * FROM advices WHERE payment_id = ? ORDER BY received_at'),
    adviceById: s('SELECT * FROM advices WHERE kind = ? AND id = ?'),
    tombstone: s('SELECT 1 FROM tombstones WHERE client_id = ? AND payment_id = ?'),
    upstreamByPayment: s('SELECT * FROM upstream_advices WHERE payment_id = ?'),
    upstreamByState: s('SELECT * FROM upstream_advices WHERE state = ? ORDER BY queued_at'),
    eventsByTran: s('SELECT * FROM events WHERE tran_id = ? ORDER BY seq'),
    maxSeq: s('SELECT COALESCE(MAX(seq), 0) AS seq FROM events'),
  };
}

export type ReadStatements = ReturnType<typeof prepareReadStatements>;
