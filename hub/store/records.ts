import type {
  ErrorDetail, PaymentConfirmation, PaymentRequest, PaymentResponse, PaymentReversal, QrProperties, ReversalReason,
  ScanNotification,
} from '../../protocol/index.js';

// What the hub keeps about a transaction. Times are epoch milliseconds.

export type PaymentState =
  | 'AWAITING_SCAN' | 'FORWARDED' | 'APPROVED' | 'REVERSING' | 'CONFIRMED' | 'REVERSED' | 'FAILED' | 'CANCELLED';

export type AdviceKind = 'confirmation' | 'reversal';

export interface QrCodeRecord {
  tranId: string;
  createId: string;
  clientId: string;
  merchantId: string;
  terminalId: string;
  qrProperties: QrProperties;
  issuedAt: number;
  expiresAt: number;
}

/** How the hub's pay towards the partner ended; absent while it is in flight. */
export type UpstreamPayOutcome = 'approved' | 'declined' | 'unavailable' | 'unknown';

export interface PaymentRecord {
  id: string;
  tranId: string;
  clientId: string;
  state: PaymentState;
  request: PaymentRequest;
  receivedAt: number;
  deadlineAt: number;
  partnerId?: string;
  scanId?: string;
  upstreamId?: string;
  upstreamRequest?: PaymentRequest;
  upstreamOutcome?: UpstreamPayOutcome;
  partnerResponse?: PaymentResponse;
  posResponse?: PaymentResponse;
  failure?: { status: number; detail: ErrorDetail };
  /** The reason of a POS reversal received while the upstream pay was still in flight. */
  pendingReversalReason?: ReversalReason;
  updatedAt: number;
}

export interface ScanRecord {
  id: string;
  tranId: string;
  partnerId: string;
  receivedAt: number;
  accepted: boolean;
  notification: ScanNotification;
}

export interface AdviceRecord {
  kind: AdviceKind;
  id: string;
  clientId: string;
  paymentId: string;
  receivedAt: number;
  body: PaymentConfirmation | PaymentReversal;
}

export type UpstreamAdviceState = 'pending' | 'delivered' | 'failed';

export interface UpstreamAdviceRecord {
  id: string;
  paymentId: string;
  tranId: string;
  partnerId: string;
  kind: AdviceKind;
  body: PaymentConfirmation | PaymentReversal;
  state: UpstreamAdviceState;
  attempts: number;
  nextAttemptAt: number;
  queuedAt: number;
  lastStatus?: string;
  finishedAt?: number;
}

export interface TimelineEvent {
  seq?: number;
  tranId: string;
  at: number;
  type: string;
  detail?: Record<string, unknown>;
}
