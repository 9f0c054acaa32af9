import type Database from 'better-sqlite3';
import { paymentWireToRow, qrToRow, upstreamToRow } from './rows.js';
import type { WireWrite } from './writer-protocol.js';

// The writer thread's statements, and how each declarative write becomes one of them.

export function prepareWriteStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    insertQr: s(`INSERT INTO qr_codes (tran_id, create_id, client_id, merchant_id, terminal_id, properties, issued_at, expires_at)
      VALUES (@tranId, @createId, @clientId, @merchantId, @terminalId, @properties, @issuedAt, @expiresAt)`),
    insertPayment: s(`INSERT INTO payments (id, tran_id, client_id, state, received_at, deadline_at, upstream_id, updated_at,
      core, request, upstream_request, partner_response, pos_response) VALUES (@id, @tranId, @clientId, @state, @receivedAt,
      @deadlineAt, @upstreamId, @updatedAt, @core, @request, @upstreamRequest, @partnerResponse, @posResponse)`),
    updatePayment: s(`UPDATE payments SET state = @state, upstream_id = @upstreamId, updated_at = @updatedAt, core = @core,
      request = COALESCE(@request, request), upstream_request = COALESCE(@upstreamRequest, upstream_request),
      partner_response = COALESCE(@partnerResponse, partner_response), pos_response = COALESCE(@posResponse, pos_response)
      WHERE id = @id`),
    insertScan: s(`INSERT INTO scans (id, tran_id, partner_id, received_at, accepted, notification)
      VALUES (@id, @tranId, @partnerId, @receivedAt, @accepted, @notification)`),
    insertAdvice: s(`INSERT INTO advices (kind, id, client_id, payment_id, received_at, body)
      VALUES (@kind, @id, @clientId, @paymentId, @receivedAt, @body)`),
    insertTombstone: s('INSERT OR IGNORE INTO tombstones (client_id, payment_id, created_at) VALUES (?, ?, ?)'),
    insertUpstream: s(`INSERT INTO upstream_advices (id, payment_id, tran_id, partner_id, kind, body, state, attempts,
      next_attempt_at, queued_at, last_status, finished_at) VALUES (@id, @paymentId, @tranId, @partnerId, @kind, @body,
      @state, @attempts, @nextAttemptAt, @queuedAt, @lastStatus, @finishedAt)`),
    updateUpstream: s(`UPDATE upstream_advices SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt,
      last_status = @lastStatus, finished_at = @finishedAt WHERE id = @id`),
    insertEvent: s('INSERT INTO events (seq, tran_id, at, type, detail) VALUES (?, ?, ?, ?, ?)'),
  };
}

export type WriteStatements = ReturnType<typeof prepareWriteStatements>;

export function applyWrite(s: WriteStatements, write: WireWrite): void {
  switch (write.op) {
    case 'insertQrCode':
      s.insertQr.run(qrToRow(write.qr));
      return;
    case 'insertPayment':
      s.insertPayment.run(paymentWireToRow(write.payment));
      return;
    case 'updatePayment':
      expectOne(s.updatePayment.run(paymentWireToRow(write.payment)).changes, 'payment', write.payment.id);
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
      expectOne(s.updateUpstream.run(upstreamToRow(write.advice)).changes, 'upstream advice', write.advice.id);
      return;
    case 'event': {
      const { seq, tranId, at, type, detail } = write.event;
      s.insertEvent.run(seq, tranId, at, type, detail ? JSON.stringify(detail) : null);
      return;
    }
  }
}

function expectOne(changes: number, what: string, id: string): void {
  if (changes !== 1) throw new Error(`update of ${what} ${id} changed ${changes} rows`);
}
