import type { UpstreamAdviceRecord } from '../store/records.js';
import { partnerById, type HubContext } from './context.js';
import { decideDelivery, type Backoff, type DeliveryRules } from './delivery-rules.js';

const MAX_IN_FLIGHT = 32;

/**
 * Store-and-forward towards partners: sends each queued advice until a final answer, backing off exponentially.
 * Woken by committed 'advice.queued' events and by a timer for the next retry; everything it needs is in the store,
 * so a restart simply picks the queue up again.
 */
export class SafWorker {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly backoff: Backoff;
  private readonly rules: DeliveryRules;
  private running = false;
  private rerun = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly detach: () => void;

  constructor(private readonly ctx: HubContext) {
    this.backoff = { initialMs: ctx.config.saf.retryInitialSeconds * 1000, maxMs: ctx.config.saf.retryMaxSeconds * 1000 };
    this.rules = { backoff: this.backoff, payInFlightMs: 2 * ctx.config.timeouts.partnerSeconds * 1000 };
    this.detach = ctx.store.onCommittedEvents((events) => {
      if (events.some((event) => event.type === 'advice.queued')) this.kick();
    });
  }

  start(): void {
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    try {
      // A kick during any await of this pass (a store may really wait) makes it go round again.
      do {
        this.rerun = false;
        const due = await this.ctx.store.dueUpstreamAdvices(this.ctx.now(), MAX_IN_FLIGHT * 2);
        for (const advice of due) {
          if (this.stopped || this.inFlight.size >= MAX_IN_FLIGHT) break;
          if (this.inFlight.has(advice.id)) continue;
          this.inFlight.set(advice.id, this.deliver(advice).finally(() => {
            this.inFlight.delete(advice.id);
            this.kick();
          }));
        }
        await this.scheduleNext();
      } while (this.rerun && !this.stopped);
    } catch (error) {
      this.ctx.logger.error('store-and-forward pass failed', { error });
      this.schedule(this.backoff.initialMs);
    } finally {
      this.running = false;
    }
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped || this.inFlight.size > 0) return;
    const next = await this.ctx.store.nextUpstreamAdviceAt();
    if (next !== undefined) this.schedule(next - this.ctx.now());
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.kick(), Math.max(0, Math.min(delayMs, 2 ** 31 - 1)));
  }

  private async deliver(advice: UpstreamAdviceRecord): Promise<void> {
    const { config, partnerClient, store, logger, now } = this.ctx;
    const partner = partnerById(config, advice.partnerId);
    const result = partner
      ? await partnerClient.advise(partner, advice.kind, advice.body, config.timeouts.partnerSeconds * 1000)
      : ({ kind: 'retry', reason: 'partner not configured' } as const);
    const updated = await store.transact({ paymentId: advice.paymentId },
      (view) => decideDelivery(view, advice.id, result, now(), this.rules));
    const fields = { tranId: advice.tranId, kind: advice.kind, adviceId: advice.id, partner: advice.partnerId, attempts: updated?.attempts };
    // Logged from the decision, not the raw answer: a 404 to a reversal may still mean "resend" (delivery-rules.ts).
    if (!updated) return;
    if (updated.state === 'delivered') logger.info('advice delivered', { ...fields, status: Number(updated.lastStatus) });
    else if (updated.state === 'failed') logger.error('reconciliation alert: partner refused advice', { ...fields, status: Number(updated.lastStatus) });
    else if (now() - advice.queuedAt > config.saf.alertAfterSeconds * 1000) {
      logger.error('reconciliation alert: advice undelivered for too long', { ...fields, reason: updated.lastStatus });
    } else logger.warn('advice delivery will be retried', { ...fields, reason: updated.lastStatus, nextAttemptAt: updated.nextAttemptAt });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.detach();
    await Promise.allSettled([...this.inFlight.values()]);
  }
}
