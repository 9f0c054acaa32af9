import type Database from 'better-sqlite3';

// Every statement the SQLite store runs, prepared once.

export function prepareStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    qrByTran: s('SELECT * FROM qr_codes WHERE tran_id = ?'),
    insertQr: s(`INSERT INTO qr_codes (tran_id, create_id, client_id, merchant_id, terminal_id, properties, issued_at, expires_at)
      VALUES (@tranId, @createId, @clientId, @merchantId, @terminalId, @properties, @issuedAt, @expiresAt)`),
    paymentByTran: s('SELECT record FROM payments WHERE tran_id = ?'),
    paymentById: s('SELECT record FROM payments WHERE id = ?'),
    paymentByIdAndClient: s('SELECT record FROM payments WHERE id = ? AND client_id = ?'),
    paymentsByState: s('SELECT record FROM payments WHERE state = ?'),
    insertPayment: s(`INSERT INTO payments (id, tran_id, client_id, state, received_at, deadline_at, upstream_id, updated_at, record)
      VALUES (@id, @tranId, @clientId, @state, @receivedAt, @deadlineAt, @upstreamId, @updatedAt, @record)`),
    updatePayment: s(`UPDATE payments SET state = @state, upstream_id = @upstreamId, updated_at = @updatedAt, record = @record
      WHERE id = @id`),
    insertScan: s(`INSERT INTO scans (id, tran_id, partner_id, received_at, accepted, notification)
      VALUES (@id, @tranId, @partnerId, @receivedAt, @accepted, @notification)`),
    advicesByPayment: s('SELECT * FROM advices WHERE payment_id = ? ORDER BY received_at'),
    adviceById: s('SELECT * FROM advices WHERE kind = ? AND id = ?'),
    insertAdvice: s(`INSERT INTO advices (kind, id, client_id, payment_id, received_at, body)
      VALUES (@kind, @id, @clientId, @paymentId, @receivedAt, @body)`),
    tombstone: s('SELECT 1 FROM tombstones WHERE client_id = ? AND payment_id = ?'),
    insertTombstone: s('INSERT OR IGNORE INTO tombstones (client_id, payment_id, created_at) VALUES (?, ?, ?)'),
    upstreamByPayment: s('SELECT * FROM upstream_advices WHERE payment_id = ?'),
    upstreamByState: s('SELECT * FROM upstream_advices WHERE state = ? ORDER BY queued_at'),
    upstreamAll: s('SELECT * FROM upstream_advices ORDER BY queued_at'),
    upstreamDue: s(`SELECT * FROM upstream_advices WHERE state = 'pending' AND next_attempt_at <= ?
      ORDER BY next_attempt_at LIMIT ?`),
    upstreamNextAt: s(`SELECT MIN(next_attempt_at) AS at FROM upstream_advices WHERE state = 'pending'`),
    insertUpstream: s(`INSERT INTO upstream_advices (id, payment_id, tran_id, partner_id, kind, body, state, attempts,
      next_attempt_at, queued_at, last_status, finished_at) VALUES (@id, @paymentId, @tranId, @partnerId, @kind, @body,
      @state, @attempts, @nextAttemptAt, @queuedAt, @lastStatus, @finishedAt)`),
    updateUpstream: s(`UPDATE upstream_advices SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt,
      last_status = @lastStatus, finished_at = @finishedAt WHERE id = @id`),
    insertEvent: s('INSERT INTO events (tran_id, at, type, detail) VALUES (?, ?, ?, ?)'),
    eventsByTran: s('SELECT * FROM events WHERE tran_id = ? ORDER BY seq'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
