import type { PaymentRequest } from '../../protocol/index.js';
import type { TimelineEvent } from '../store/records.js';
import { errorAnswer, type Answer } from './answers.js';
import type { HubContext } from './context.js';
import { decideExpiry } from './payment-rules.js';

export interface HeldPaymentOwner {
  forward(paymentId: string): Promise<Answer>;
  release(held: HeldPayment): void;
}

/**
 * One POS pay call held open while its payment waits for a scan. It wakes on the committed timeline events of its
 * tranId (never by polling): a scan forwards it, expiry or a POS reversal answers it. One object per call, because
 * thousands may wait at once.
 */
export class HeldPayment {
  readonly done: Promise<Answer>;
  /** Resolves when nothing of this call is in flight any more (its answer may have gone earlier). */
  readonly finished: Promise<void>;
  private resolve!: (answer: Answer) => void;
  private markFinished!: () => void;
  private settled = false;
  private forwarding = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: () => void;
  private readonly ids: { originalId: string; tranId: string };

  constructor(private readonly ctx: HubContext, private readonly owner: HeldPaymentOwner, readonly request: PaymentRequest) {
    this.ids = { originalId: request.id, tranId: request.tranId };
    this.done = new Promise<Answer>((resolve) => (this.resolve = resolve));
    this.finished = new Promise<void>((resolve) => (this.markFinished = resolve));
    this.unsubscribe = ctx.bus.subscribe(request.tranId, (event) => this.onEvent(event));
  }

  /** The payment is committed as AWAITING_SCAN: close the window at its deadline unless a scan comes first. */
  arm(deadlineAt: number): void {
    if (this.settled || this.forwarding) return;
    this.timer = setTimeout(() => void this.expire('scan window closed'), Math.max(0, deadlineAt - this.ctx.now()));
  }

  expire(reason: string): Promise<void> {
    return this.ctx.store.transact({ paymentId: this.request.id }, (view) => decideExpiry(view, this.ctx.now(), reason))
      .catch((error) => {
        this.ctx.logger.error('could not close the scan window', { error, paymentId: this.request.id });
        this.finish(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', this.ids));
        this.cleanup();
      });
  }

  /** The payment never opened (duplicate, unknown tranId, ...): answer at once. */
  reject(answer: Answer): void {
    this.finish(answer);
    this.cleanup();
  }

  private onEvent(event: TimelineEvent): void {
    if (event.detail?.paymentId !== this.request.id) return;
    if (event.type === 'scan.accepted') this.forward();
    else if (event.type === 'payment.expired' || event.type === 'payment.cancelled') {
      this.finish(errorAnswer(400, 'NO_SCAN_RECEIVED', 'No scan received', this.ids));
      if (!this.forwarding) this.cleanup();
    } else if (event.type === 'payment.reversal-requested') {
      this.finish(errorAnswer(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment reversed by the retailer', this.ids));
    }
  }

  private forward(): void {
    if (this.forwarding) return;
    this.forwarding = true;
    clearTimeout(this.timer);
    // The partner's 202 for the scan is written first; the forward starts on the next turn (docs/protocol.md §6.2 step 4).
    setImmediate(() => void this.owner.forward(this.request.id).then((answer) => this.finish(answer), (error) => {
      this.ctx.logger.error('forwarding failed', { error, paymentId: this.request.id });
      this.finish(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', this.ids));
    }).finally(() => this.cleanup()));
  }

  private finish(answer: Answer): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(answer);
  }

  private cleanup(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.owner.release(this);
    this.markFinished();
  }
}
