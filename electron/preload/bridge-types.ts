// The till bridge: the one contract between the renderer and whatever hosts the POS engine (Electron main over IPC,
// or the browser-mode till service over HTTP and server-sent events). Types only: the renderer imports this file.

export type HubMode = 'local' | 'remote';
export type ReversalReason = 'TIMEOUT' | 'CANCELLED' | 'RESPONSE_NOT_FINAL';

/** Settings as the renderer may see them: never the password, only whether one is set. */
export interface TillSettingsView {
  hubMode: HubMode;
  /** Base URL of the hub, e.g. http://127.0.0.1:8480 (the engine appends /qr/v1 and /hub/v1). */
  hubUrl: string;
  clientId: string;
  passwordSet: boolean;
  /** Exactly 8 characters. */
  terminalId: string;
  /** Exactly 15 characters. */
  merchantId: string;
  /** At most 23 characters. */
  merchantName: string;
  /** At most 13 characters. */
  merchantCity: string;
  /** ISO 4217 alphabetic code, e.g. ZAR. */
  currency: string;
  /** BCP 47 locale used to format amounts and times, e.g. en-ZA. */
  locale: string;
  /** How long a pay call may take before its outcome is unknown (default: scan window + partner timeout + 15 s). */
  payTimeoutSeconds: number;
  /** The hub's scan window, for the countdown on the Charge screen. */
  scanWindowSeconds: number;
  /** Demo mode shows the QR payload with a copy button and names the demo partner's scan command. */
  demoMode: boolean;
  /** Open a customer-facing window (Electron) showing the QR and the amount. */
  customerDisplay: boolean;
}

/** What the Settings screen sends: the settings it shows, and `password` (absent or empty keeps the current one). */
export interface SettingsInput extends Omit<TillSettingsView, 'passwordSet' | 'demoMode'> {
  password?: string;
}

export interface BasketLine {
  description: string;
  quantity: number;
  /** Integer minor units of the till's currency. */
  unitPriceMinor: number;
}

export interface ChargeInput {
  /** Integer minor units of the till's currency; must equal the basket total when a basket is given. */
  amountMinor: number;
  basket?: BasketLine[];
}

/**
 * Where a sale stands.
 * - creating-qr: asking the hub for a QR code.
 * - awaiting-scan: the pay request is on its way and the QR is on screen.
 * - awaiting-approval: a partner scanned the QR; the customer approves in the app.
 * - approved: final; the confirmation is queued in the outbox (goods may be handed over).
 * - declined: final, failed class: nothing was taken and nothing needs reversing.
 * - not-completed: final; no payment was taken or the payment is being reversed (see `outcome.reason`).
 * - cancelled: the cashier cancelled while waiting; a CANCELLED reversal is queued.
 * - voided: the cashier voided an approved sale; a CANCELLED reversal is queued.
 */
export type SalePhase =
  | 'creating-qr' | 'awaiting-scan' | 'awaiting-approval' | 'approved' | 'declined' | 'not-completed' | 'cancelled'
  | 'voided';

/** Why a sale did not complete, for the plain-words explanation on the Result screen. */
export type NotCompletedReason =
  | 'hub-unreachable'   // the hub could not be reached before anything was sent: no payment was taken
  | 'qr-failed'         // the hub did not issue a QR code: no payment was taken
  | 'outcome-unknown'   // the pay outcome is unknown (500, 504, timeout, connection lost): reversal queued
  | 'cancelled'         // the cashier cancelled: reversal queued
  | 'voided';           // voided after approval: reversal queued

export interface SaleOutcome {
  /** Present for declined sales: the hub's errorType (e.g. INSUFFICIENT_FUNDS, NO_SCAN_RECEIVED). */
  errorType?: string;
  reason?: NotCompletedReason;
  /** A cancelled sale: whether the customer had scanned the code (the sale was awaiting approval) when it was cancelled. */
  scanned?: boolean;
  /** HTTP status of the answer that decided the outcome, when there was one. */
  httpStatus?: number;
  /** The hub's errorMessage, for the operator; the renderer words the cashier message itself. */
  detail?: string;
}

export type AdviceDelivery = 'pending' | 'delivered' | 'rejected';

/**
 * What the partner (the customer's wallet provider) made of the advice the hub forwarded, once the hub accepted it:
 * pending until the hub's upstream delivery is final; refused when the partner answered 400 (or 404 to a
 * confirmation): the sale must then be reconciled by hand. Absent when no partner leg exists (nothing was forwarded).
 */
export type PartnerOutcome = 'pending' | 'accepted' | 'refused';

export interface AdviceView {
  kind: 'confirmation' | 'reversal';
  reversalReason?: ReversalReason;
  delivery: AdviceDelivery;
  attempts: number;
  queuedAt: string;
  /** The last answer or transport error, e.g. "503", "timeout", "ECONNREFUSED". */
  lastError?: string;
  nextAttemptAt?: string;
  /** When the hub gave its final answer (delivered or rejected). */
  finishedAt?: string;
  partnerOutcome?: PartnerOutcome;
  /** The partner's answer to the hub's advice, e.g. "400", once final. */
  partnerStatus?: string;
  /** When the partner's outcome became known at the hub (RFC 3339). */
  partnerFinishedAt?: string;
}

export interface SaleView {
  saleId: string;
  /** RFC 3339 with milliseconds. */
  startedAt: string;
  updatedAt: string;
  amountMinor: number;
  /** ISO 4217 alphabetic code. */
  currency: string;
  basket?: BasketLine[];
  /** The till's terminal id when the sale started. */
  terminalId?: string;
  /** The till's own receipt number, e.g. TILL0001-000042: a per-till counter kept in the journal, given on approval. */
  receiptNumber?: string;
  /** The wallet's own reference for the payment: the partner's thirdPartyIdentifiers entry, else its slip's
   *  issuerReference. */
  walletReference?: string;
  phase: SalePhase;
  tranId?: string;
  /** The QR payload from createQrCode; present from awaiting-scan on. */
  qrPayload?: string;
  /** When the hub's scan window ends (RFC 3339), for the countdown. */
  scanDeadline?: string;
  partnerId?: string;
  partnerName?: string;
  /** The approved amount in minor units (may differ from amountMinor if the partner approved another amount). */
  approvedMinor?: number;
  /** An approved sale that can still be voided (its confirmation is still held); absent once it was sent. */
  voidable?: boolean;
  /** Slip lines from the PaymentResponse's slipData, in order. */
  slipLines?: string[];
  outcome?: SaleOutcome;
  /** The sale's advice (confirmation or reversal) and its delivery through the outbox. */
  advice?: AdviceView;
}

export type ServiceState = 'starting' | 'running' | 'restarting' | 'stopped' | 'external';

export interface TillStatus {
  hub: { state: 'connected' | 'unreachable' | 'unknown'; url: string; mode: HubMode; checkedAt?: string };
  /** Local mode only: the bundled hub and demo partner processes. */
  services?: { hub: ServiceState; partner: ServiceState };
  /** overdue: advices still waiting after 24 hours (docs/protocol.md §3's alert: someone must check and reconcile). */
  /** partnerRefused: advices the hub took but the partner refused (to reconcile). */
  outbox: { pending: number; rejected: number; overdue: number; partnerRefused: number; oldestPendingSince?: string };
}

export interface TillSnapshot {
  settings: TillSettingsView;
  status: TillStatus;
  /** The sale on screen, if any (not yet dismissed with New sale). */
  current?: SaleView;
}

export interface PartnerTotal {
  partnerName: string;
  count: number;
  amountMinor: number;
}

export interface HistoryView {
  /** The local calendar day shown, YYYY-MM-DD. */
  day: string;
  /** The till's local calendar day now, YYYY-MM-DD. */
  today: string;
  /** The days the journal holds sales for (it keeps a week), newest first. */
  days: string[];
  currency: string;
  /** The day's sales, newest first. */
  sales: SaleView[];
  /** Approved sales not voided, whose confirmation is not refused by the hub or the partner, per partner. */
  totals: PartnerTotal[];
}

export interface CsvExport {
  filename: string;
  csv: string;
}

export type BridgeErrorCode = 'INVALID_INPUT' | 'BUSY' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'UNAVAILABLE' | 'INTERNAL';

export type BridgeResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: BridgeErrorCode; message: string; fields?: Record<string, string> };

export type TillEvent =
  | { type: 'sale'; sale: SaleView }
  | { type: 'status'; status: TillStatus }
  | { type: 'settings'; settings: TillSettingsView }
  | { type: 'history-changed' };

/** The verbs; every one answers a result object rather than throwing (only messages survive IPC). */
export interface TillVerbs {
  snapshot(): Promise<BridgeResult<TillSnapshot>>;
  /** Starts a sale; resolves once the QR is ready to show (pay on its way) or the sale ended early. */
  charge(input: ChargeInput): Promise<BridgeResult<SaleView>>;
  /** Cashier cancel while waiting for scan or approval: CANCELLED reversal sent at once. */
  cancel(saleId: string): Promise<BridgeResult<SaleView>>;
  /** Void an approved sale: CANCELLED reversal. */
  voidSale(saleId: string): Promise<BridgeResult<SaleView>>;
  /** Dismiss the finished sale on screen (New sale). */
  dismiss(saleId: string): Promise<BridgeResult<null>>;
  /** The sales of `day` (YYYY-MM-DD, the till's local calendar day), today when absent. */
  history(day?: string): Promise<BridgeResult<HistoryView>>;
  exportCsv(day?: string): Promise<BridgeResult<CsvExport>>;
  saveSettings(input: SettingsInput): Promise<BridgeResult<TillSettingsView>>;
}

export type VerbName = keyof TillVerbs;

export interface TillBridge extends TillVerbs {
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: TillEvent) => void): () => void;
}

declare global {
  interface Window {
    till?: TillBridge;
  }
}
