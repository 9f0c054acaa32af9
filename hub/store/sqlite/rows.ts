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

/** The payment's messages are written once each; an update carries only the ones that changed (by reference). */
const MESSAGE_FIELDS = ['request', 'upstreamRequest', 'partnerResponse', 'posResponse'] as const;
type MessageField = typeof MESSAGE_FIELDS[number];

export type PaymentWire = Omit<PaymentRecord, MessageField> & Partial<Pick<PaymentRecord, MessageField>>;

export function paymentToWire(next: PaymentRecord, previous?: PaymentRecord): PaymentWire {
  const wire: PaymentWire = { ...next };
  for (const field of MESSAGE_FIELDS) if (previous && previous[field] === next[field]) delete wire[field];
  return wire;
}

export function paymentWireToRow(wire: PaymentWire): Row {
  const { id, tranId, clientId, state, receivedAt, deadlineAt, upstreamId, updatedAt, request, upstreamRequest,
    partnerResponse, posResponse, ...core } = wire;
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return {
    id, tranId, clientId, state, receivedAt, deadlineAt, upstreamId: upstreamId ?? null, updatedAt,
    core: JSON.stringify(core),
    request: json(request),
    upstreamRequest: json(upstreamRequest),
    partnerResponse: json(partnerResponse),
    posResponse: json(posResponse),
  };
}

export function paymentFromRow(row: Row): PaymentRecord {
  const payment: PaymentRecord = {
    ...JSON.parse(row.core as string),
    id: row.id as string,
    tranId: row.tran_id as string,
    clientId: row.client_id as string,
    state: row.state as PaymentRecord['state'],
    receivedAt: row.received_at as number,
    deadlineAt: row.deadline_at as number,
    updatedAt: row.updated_at as number,
    request: JSON.parse(row.request as string),
  };
  if (row.upstream_id != null) payment.upstreamId = row.upstream_id as string;
  if (row.upstream_request != null) payment.upstreamRequest = JSON.parse(row.upstream_request as string);
  if (row.partner_response != null) payment.partnerResponse = JSON.parse(row.partner_response as string);
  if (row.pos_response != null) payment.posResponse = JSON.parse(row.pos_response as string);
  return payment;
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
