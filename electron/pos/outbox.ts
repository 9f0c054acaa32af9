import type { HttpOutcome } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import { nowIso, statusClass } from '../../protocol/index.js';
import { HubClient, outcomeLabel } from './hub-client.js';
import { DueScanner } from './due-scanner.js';
import { isOutboxOpen, type SaleRecord } from './sale-record.js';
import { released } from './sale-rules.js';
import { DEFAULT_ADVICE_TIMEOUT_SECONDS, type TillSettings } from './settings.js';
import type { TillStore } from './till-store.js';
import { isOverdue } from './till-status.js';

// Store-and-forward of the till's advices (docs/protocol.md §8): each is on disk before its first send and is resent, as the
// same message with the same id, until the hub gives a final answer. A new advice is sent at once, never on a tick.

export type AttemptResult = 'delivered' | 'rejected' | 'retry';

// Answers that say nothing about the advice itself: the hub is briefly unavailable (503), or it refused the till's
// credentials or role (401, 403), which an operator fixes in Settings. Resending an advice is harmless, so these retry.
const RETRIED_FAILURES = new Set([401, 403, 503]);

/** A successful answer (202; 404 to a reversal) delivers; other failed statuses reject; see RETRIED_FAILURES. */
export function attemptResult(kind: 'confirmation' | 'reversal', outcome: HttpOutcome): AttemptResult {
  if (outcome.kind !== 'response') return 'retry';
  const cls = statusClass(kind === 'confirmation' ? 'confirmPayment' : 'reversePayment', outcome.status);
  if (cls === 'successful') return 'delivered';
  if (cls === 'failed' && !RETRIED_FAILURES.has(outcome.status)) return 'rejected';
  return 'retry';
}

/** The gap after the n-th failed attempt: the first gap, doubling, capped. */
export function retryGapMs(attempts: number, outbox: TillSettings['outbox']): number {
  const gap = outbox.retryInitialSeconds * 2 ** Math.max(0, attempts - 1);
  return Math.min(gap, outbox.retryMaxSeconds) * 1000;
}

export function afterAttempt(sale: SaleRecord, outcome: HttpOutcome, settings: TillSettings, now: number): SaleRecord {
  const advice = sale.advice!;
  const attempts = advice.attempts + 1;
  const result = attemptResult(advice.kind, outcome);
  const at = nowIso(now);
  if (result === 'retry') {
    return {
      ...sale,
      advice: { ...advice, attempts, lastError: outcomeLabel(outcome), nextAttemptAt: nowIso(now + retryGapMs(attempts, settings.outbox)) },
    };
  }
  const { nextAttemptAt: _next, lastError: _last, message, ...rest } = advice;
  if (result === 'rejected') {
    // Kept whole, message included, for the operator who has to reconcile it.
    return { ...sale, advice: { ...rest, message: message!, state: 'rejected', attempts, lastError: outcomeLabel(outcome), finishedAt: at } };
  }
  const { payRequest: _request, payResponse: _response, ...saleRest } = sale;
  // The hub took it (202); what the partner makes of the hub's own advice is followed next (partner-outcome.ts). A 404
  // to a reversal means the hub never had the payment: there is no partner leg to follow.
  const partnerOutcome = outcome.kind === 'response' && outcome.status === 404 ? 'none' : 'pending';
  return { ...saleRest, advice: { ...rest, state: 'delivered', attempts, finishedAt: at, partnerOutcome } };
}

export interface OutboxDeps {
  store: TillStore;
  client: HubClient;
  settings: () => TillSettings;
  now: () => number;
  logger: Logger;
  /** Every answer or transport failure, for the hub's connection state. */
  onOutcome: (outcome: HttpOutcome) => void;
}

export class Outbox {
  private readonly scanner: DueScanner;
  private readonly inFlight = new Set<string>();
  /** After a journal write failed: not before this time, so a broken disk does not turn into a tight resend loop. */
  private readonly holdOff = new Map<string, number>();

  constructor(private readonly deps: OutboxDeps) {
    this.scanner = new DueScanner((now) => this.sendDue(now), deps.now);
  }

  private get closed(): boolean {
    return this.scanner.closed;
  }

  /** Looks for due advices on the next turn (a new advice, a release, a settings change). */
  kick(): void {
    this.scanner.kick();
  }

  /** Resolves once none of these sales owes its advice any more, or after `ms`, whichever comes first. */
  delivered(saleIds: string[], ms: number): Promise<void> {
    const { store } = this.deps;
    const done = () => saleIds.every((saleId) => !isOutboxOpen(store.get(saleId)?.advice));
    return new Promise((resolve) => {
      if (done()) return resolve();
      const finish = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(finish, ms);
      const stop = store.onCommit(() => {
        if (done()) finish();
      });
    });
  }

  close(): void {
    this.scanner.close();
  }

  /** Sends every advice due at `now`; answers when the next one falls due. */
  private sendDue(now: number): number {
    let earliest = Infinity;
    for (const sale of this.deps.store.all()) {
      if (!isOutboxOpen(sale.advice) || this.inFlight.has(sale.saleId)) continue;
      const due = Math.max(sale.advice!.nextAttemptAt ? Date.parse(sale.advice!.nextAttemptAt) : 0, this.holdOff.get(sale.saleId) ?? 0);
      if (due > now) earliest = Math.min(earliest, due);
      else void this.attempt(sale.saleId);
    }
    return earliest;
  }

  private async attempt(saleId: string): Promise<void> {
    const { store, client, logger } = this.deps;
    this.inFlight.add(saleId);
    try {
      let sale = store.get(saleId);
      if (sale?.advice?.state === 'held') {
        sale = await store.transact((tx) => {
          const current = tx.get(saleId);
          if (current?.advice?.state === 'held') tx.put(released(current, this.deps.now()));
          return tx.get(saleId);
        });
      }
      const advice = sale?.advice;
      if (!sale || advice?.state !== 'pending' || !advice.message) return;
      const settings = this.deps.settings();
      const fields = { saleId, tranId: sale.tranId, adviceId: advice.adviceId, kind: advice.kind, attempt: advice.attempts + 1 };
      logger.debug('sending advice', fields);
      const outcome = await client.advice(advice.kind, advice.message,
        (settings.outbox.adviceTimeoutSeconds ?? DEFAULT_ADVICE_TIMEOUT_SECONDS) * 1000);
      this.deps.onOutcome(outcome);
      // Closed meanwhile: the next open sends the same message again, which the hub answers as a repeat.
      if (this.closed) return;
      const next = await store.transact((tx) => {
        const current = tx.get(saleId);
        if (!current || current.advice?.adviceId !== advice.adviceId || current.advice.state !== 'pending') return undefined;
        const updated = afterAttempt(current, outcome, settings, this.deps.now());
        tx.put(updated);
        return updated;
      });
      const report = { ...fields, result: outcomeLabel(outcome), nextAttemptAt: next?.advice?.nextAttemptAt };
      if (next?.advice?.state === 'rejected') logger.error('advice rejected by the hub: reconcile by hand', report);
      else if (next?.advice?.state === 'delivered') logger.info('advice delivered', report);
      else if (isOverdue(advice.queuedAt, this.deps.now())) {
        // docs/protocol.md §3: never give up, but after 24 h someone must look (the partner may hold the customer's funds).
        logger.error('advice still undelivered after 24 hours: check the hub connection and reconcile', {
          ...report, queuedAt: advice.queuedAt, retryInMs: retryGapMs(fields.attempt, settings.outbox),
        });
      } else logger.warn('advice not delivered, will retry', { ...report, retryInMs: retryGapMs(fields.attempt, settings.outbox) });
      this.holdOff.delete(saleId);
    } catch (error) {
      if (this.closed) return;
      logger.error('advice attempt could not be recorded', { saleId, error });
      this.holdOff.set(saleId, this.deps.now() + this.deps.settings().outbox.retryMaxSeconds * 1000);
    } finally {
      this.inFlight.delete(saleId);
      this.kick();
    }
  }
}
