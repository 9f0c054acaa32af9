import type {
  AdviceRecord, PaymentRecord, QrCodeRecord, TimelineEvent, UpstreamAdviceRecord,
} from '../records.js';

// Mapping between SQLite rows and the store's records.

type Row = Record<string, unknown>;

export function qrFromRow(row: Row): QrCodeRecord {
  return {
    tranId: row.tran_id as string,
    createId: row.create_id as string,
    clientId: row.client_id as string,
    merchantId: row.merchant_id as string,
    terminalId: row.terminal_id as string,
    qrProperties: JSON.parse(row.properties as string),
    issuedAt: row.issued_at as number,
    expiresAt: row.expires_at as number,
  };
}

export function qrToRow(qr: QrCodeRecord): Row {
  return { ...qr, properties: JSON.stringify(qr.qrProperties) };
}

export function paymentFromRow(row: Row): PaymentRecord {
  return JSON.parse(row.record as string) as PaymentRecord;
}

export function paymentToRow(payment: PaymentRecord): Row {
  return {
    id: payment.id,
    tranId: payment.tranId,
    clientId: payment.clientId,
    state: payment.state,
    receivedAt: payment.receivedAt,
    deadlineAt: payment.deadlineAt,
    upstreamId: payment.upstreamId ?? null,
    updatedAt: payment.updatedAt,
    record: JSON.stringify(payment),
  };
}

export function adviceFromRow(row: Row): AdviceRecord {
  return {
    kind: row.kind as AdviceRecord['kind'],
    id: row.id as string,
    clientId: row.client_id as string,
    paymentId: row.payment_id as string,
    receivedAt: row.received_at as number,
    body: JSON.parse(row.body as string),
  };
}

export function upstreamFromRow(row: Row): UpstreamAdviceRecord {
  const record: UpstreamAdviceRecord = {
    id: row.id as string,
    paymentId: row.payment_id as string,
    tranId: row.tran_id as string,
    partnerId: row.partner_id as string,
    kind: row.kind as UpstreamAdviceRecord['kind'],
    body: JSON.parse(row.body as string),
    state: row.state as UpstreamAdviceRecord['state'],
    attempts: row.attempts as number,
    nextAttemptAt: row.next_attempt_at as number,
    queuedAt: row.queued_at as number,
  };
  if (row.last_status != null) record.lastStatus = row.last_status as string;
  if (row.finished_at != null) record.finishedAt = row.finished_at as number;
  return record;
}

export function upstreamToRow(advice: UpstreamAdviceRecord): Row {
  return {
    ...advice,
    body: JSON.stringify(advice.body),
    lastStatus: advice.lastStatus ?? null,
    finishedAt: advice.finishedAt ?? null,
  };
}

export function eventFromRow(row: Row): TimelineEvent {
  const event: TimelineEvent = { seq: row.seq as number, tranId: row.tran_id as string, at: row.at as number, type: row.type as string };
  if (row.detail != null) event.detail = JSON.parse(row.detail as string);
  return event;
}
