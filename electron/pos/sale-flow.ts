import type { HttpOutcome } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import type { BridgeResult, ChargeInput, SaleView } from '../preload/bridge-types.js';
import { newUuid, statusClass, type PaymentRequest } from '../../protocol/index.js';
import { outcomeLabel, type HubClient } from './hub-client.js';
import type { EventFollower, HubEvent } from './hub-events.js';
import { isPaying, type SaleRecord } from './sale-record.js';
import {
  dismissed, endedBeforePay, expired, firstPayMayHaveLanded, newSale, payAnswered, qrIssued, qrNotIssued, receiptNumber,
  scanAccepted,
} from './sale-rules.js';
import { DEFAULT_CONFIRM_AFTER_SECONDS, type TillSettings } from './settings.js';
import { createQrCodeRequest, paymentRequest, withFreshId } from './till-messages.js';
import type { StoreTx, TillStore } from './till-store.js';

// One charge (docs/protocol.md §6.2): createQrCode, then pay, written to the journal before it is sent, and the QR shown only
// once pay has left. The pay answer decides the sale unless the cashier cancelled first: a cancelled sale is never
// changed by a late answer (its CANCELLED reversal covers whatever the hub did). A pay answer the journal will not
// take is written again a few times; after that the sale stays paying on disk, to be reversed by its next write (New
// sale) or the next open, and is shown meanwhile as that write will make it: not completed, outcome unknown.

const QR_TIMEOUT_MS = 30_000;
/** Pauses before writing a pay answer again: a disk that is briefly busy (a virus scanner holding the file) recovers. */
const RECORD_RETRY_MS = [100, 300, 1000];

export interface SaleFlowDeps {
  store: TillStore;
  client: HubClient;
  settings: TillSettings;
  now: () => number;
  logger: Logger;
  /** Every answer or transport failure, for the hub's connection state. */
  onOutcome: (outcome: HttpOutcome) => void;
  /** The pay request has left: the QR may be shown. */
  onPaySent: (saleId: string) => void;
  /** The journal refused the pay answer for good: the sale stays paying on disk, for the next write to settle. */
  onUnrecorded: (saleId: string) => void;
  view: (saleId: string) => SaleView | undefined;
  follow: (tranId: string, onEvent: (event: HubEvent) => void) => EventFollower;
}

function isFailure(outcome: HttpOutcome, errorType: string): boolean {
  return outcome.kind === 'response' && outcome.status === 400
    && (outcome.body as { errorType?: unknown } | undefined)?.errorType === errorType;
}

const isDuplicate = (outcome: HttpOutcome) => isFailure(outcome, 'DUPLICATE_RECORD');
const isApproved = (outcome: HttpOutcome) => outcome.kind === 'response' && statusClass('pay', outcome.status) === 'successful';

export class SaleFlow {
  readonly saleId = newUuid();
  /** The sale's first record is on disk. */
  recorded = false;
  paySent = false;
  readonly ready: Promise<BridgeResult<SaleView>>;
  private resolveReady!: (result: BridgeResult<SaleView>) => void;
  private follower: EventFollower | undefined;
  private closed = false;
  private readonly log: Logger;

  constructor(private readonly deps: SaleFlowDeps) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.log = deps.logger.child({ saleId: this.saleId });
  }

  /** Answers charge() with the sale as it is now (first call wins). */
  answer(): void {
    const view = this.deps.view(this.saleId);
    this.resolveReady(view ? { ok: true, value: view } : { ok: false, code: 'INTERNAL', message: 'The sale was not recorded' });
  }

  /** The sale became final elsewhere (cancel): stop following its events. */
  settled(): void {
    this.follower?.stop();
    this.answer();
  }

  close(): void {
    this.closed = true;
    this.follower?.stop();
    this.resolveReady({ ok: false, code: 'UNAVAILABLE', message: 'The till is closing' });
  }

  async run(input: ChargeInput): Promise<void> {
    try {
      // The QR is requested while the new sale is being written: nothing is owed until pay, so the fsyncs of the
      // sale's first record need not delay the QR on screen.
      const opened = this.open(input);
      const answered = this.requestQr(input.amountMinor);
      await opened;
      const issued = await this.recordQr(await answered);
      if (!issued) return;
      await this.pay(issued);
    } catch (error) {
      if (!this.closed) {
        this.log.error('sale failed', { error });
        await this.abandon();
      }
      this.resolveReady({ ok: false, code: 'INTERNAL', message: 'The till could not record the sale' });
    } finally {
      this.follower?.stop();
      this.answer();
    }
  }

  /** Best effort after an unexpected failure: a sale without its QR yet owes nothing and is ended here. A sale that
   *  may have paid stays as it is on disk: the cashier's cancel, or the next open, reverses it. */
  private async abandon(): Promise<void> {
    await this.deps.store.transact((tx) => {
      const sale = tx.get(this.saleId);
      if (sale?.phase === 'creating-qr') {
        tx.put(endedBeforePay(sale, 'internal error', this.deps.now()));
      }
    }).catch(() => undefined);
  }

  /** The new sale, and New sale for the one still on screen (which releases its held confirmation). */
  private async open(input: ChargeInput): Promise<void> {
    const now = this.deps.now();
    await this.deps.store.transact((tx) => {
      for (const sale of tx.all()) {
        if (!sale.dismissed) tx.put(dismissed(sale, now));
        else if (expired(sale, now)) tx.remove(sale.saleId);
      }
      tx.put({ ...newSale(input, this.saleId, this.deps.settings.currency, now), terminalId: this.deps.settings.terminalId });
    });
    this.recorded = true;
    this.log.info('sale started', { amountMinor: input.amountMinor });
  }

  /** createQrCode, with one retry under a fresh id after DUPLICATE_RECORD. */
  private async requestQr(amountMinor: number): Promise<HttpOutcome> {
    const { client, settings } = this.deps;
    let request = createQrCodeRequest(settings, amountMinor, this.deps.now());
    let outcome = await client.createQrCode(request, QR_TIMEOUT_MS);
    this.deps.onOutcome(outcome);
    if (isDuplicate(outcome)) {
      request = withFreshId(request, this.deps.now());
      outcome = await client.createQrCode(request, QR_TIMEOUT_MS);
      this.deps.onOutcome(outcome);
    }
    return outcome;
  }

  /** Records the createQrCode answer and the pay request it leads to; undefined when the sale ended. */
  private async recordQr(outcome: HttpOutcome): Promise<PaymentRequest | undefined> {
    const { settings, store } = this.deps;
    const body = outcome.kind === 'response' && outcome.status === 201
      ? outcome.body as { tranId?: unknown; qrCode?: unknown } | undefined : undefined;
    const issued = typeof body?.tranId === 'string' && typeof body.qrCode === 'string'
      ? { tranId: body.tranId, qrPayload: body.qrCode } : undefined;
    this.log.info('createQrCode answered', { result: outcomeLabel(outcome), tranId: issued?.tranId });
    if (this.closed) return undefined;
    const now = this.deps.now();
    return store.transact((tx) => {
      const sale = tx.get(this.saleId);
      if (sale?.phase !== 'creating-qr') return undefined; // cancelled meanwhile: the answer is ignored
      if (!issued) {
        tx.put(qrNotIssued(sale, outcome, now));
        return undefined;
      }
      const payRequest = paymentRequest(settings, sale, issued.tranId, now);
      tx.put(qrIssued(sale, { ...issued, payRequest }, settings.scanWindowSeconds, now));
      return payRequest;
    });
  }

  /** `first` is the request that was answered DUPLICATE_RECORD, when this is its one resend under a fresh id. */
  private async pay(request: PaymentRequest, first?: PaymentRequest): Promise<void> {
    if (this.closed) return; // the close settles the sale (written before the pay was sent) as interrupted
    const { client, settings } = this.deps;
    const outcome = await client.pay(request, settings.payTimeoutSeconds * 1000, () => this.sent(request.tranId));
    this.deps.onOutcome(outcome);
    const result = outcomeLabel(outcome);
    this.log.info('pay answered', { tranId: request.tranId, paymentId: request.id, result });
    if (this.closed) return; // the close settles whatever the hub did (the sale is still paying on disk)
    const now = this.deps.now();
    const confirmAfter = settings.outbox.confirmAfterSeconds ?? DEFAULT_CONFIRM_AFTER_SECONDS;
    const current = (sale: SaleRecord | undefined): sale is SaleRecord => isPaying(sale)
      && (sale?.payRequest?.id === request.id || sale?.resentPayRequest?.id === request.id);
    const fresh = !first && isDuplicate(outcome) ? withFreshId(request, now) : undefined;
    let changed: boolean;
    try {
      if (fresh) {
        changed = await this.record((tx) => {
          const sale = tx.get(this.saleId);
          // The first request stays the one a cancel, a close or a crash reverses: DUPLICATE_RECORD says a copy of
          // it reached the hub, so it is the one that may be live there.
          if (current(sale)) tx.put({ ...sale, resentPayRequest: fresh });
          return current(sale);
        });
      } else {
        // Unless its resend is approved, the first request's outcome stays unknown, whatever the resend was told.
        const landed = first && !isApproved(outcome) ? first : undefined;
        changed = await this.record((tx) => {
          const sale = tx.get(this.saleId);
          if (!current(sale)) return false;
          const next = landed ? firstPayMayHaveLanded(sale, landed, outcome, now)
            : payAnswered({ ...sale, payRequest: request }, outcome, confirmAfter, now);
          if (next.phase === 'approved') next.receiptNumber = receiptNumber(settings.terminalId, tx.nextReceipt());
          tx.put(next);
          return true;
        });
        if (landed && changed) this.log.warn('the resent pay was not approved: reversing the first', { paymentId: landed.id });
      }
    } catch (error) {
      if (this.closed) return;
      this.log.error('the pay answer could not be written to the journal: the sale is reversed by its next write or '
        + 'the next open', { error, tranId: request.tranId, result });
      this.deps.onUnrecorded(this.saleId);
      return;
    }
    if (fresh && changed) return this.pay(fresh, request);
    if (!changed) this.log.info('pay answer ignored: the sale was already cancelled', { tranId: request.tranId, result });
  }

  /** A transaction on the pay answer, tried again after a failed write while the answer is still held here. */
  private async record<T>(work: (tx: StoreTx) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.deps.store.transact(work);
      } catch (error) {
        const pause = RECORD_RETRY_MS[attempt];
        if (this.closed || pause === undefined) throw error;
        this.log.warn('could not write the pay answer, trying again', { error, attempt: attempt + 1 });
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private sent(tranId: string): void {
    if (this.closed || this.paySent) return;
    this.paySent = true;
    try {
      this.deps.onPaySent(this.saleId);
      this.answer();
      this.follower = this.deps.follow(tranId, (event) => void this.onHubEvent(event));
    } catch (error) {
      this.log.error('could not show the QR code', { error });
    }
  }

  private async onHubEvent(event: HubEvent): Promise<void> {
    if (event.type !== 'scan.accepted' || this.closed) return;
    const partner = { id: event.detail?.partnerId, name: event.detail?.partnerName };
    try {
      await this.deps.store.transact((tx) => {
        const sale = tx.get(this.saleId);
        if (sale?.phase !== 'awaiting-scan') return;
        tx.put(scanAccepted(sale, {
          ...(typeof partner.id === 'string' ? { id: partner.id } : {}),
          ...(typeof partner.name === 'string' ? { name: partner.name } : {}),
        }, this.deps.now()));
      });
    } catch (error) {
      this.log.warn('could not record the scan', { error });
    }
  }
}
