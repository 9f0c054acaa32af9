import type { HttpOutcome } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import { nowIso } from '../../protocol/index.js';
import { outcomeLabel, type HubClient } from './hub-client.js';
import { DueScanner } from './due-scanner.js';
import type { EventFollower, HubEvent } from './hub-events.js';
import { retryGapMs } from './outbox.js';
import { awaitsPartner, type AdviceRecord, type SaleRecord } from './sale-record.js';
import type { TillSettings } from './settings.js';
import type { TillStore } from './till-store.js';

// The hub answers the till's advice 202 once it has stored it, before the partner sees it (docs/protocol.md §8). A partner
// may still refuse the hub's own advice (400, or 404 to a confirmation): the hub then stops and records the refusal in
// the tranId's timeline (advice.failed; GET /hub/v1/transactions/{tranId} shows upstreamAdvice.state 'failed'). This
// follows each delivered advice there until its upstream outcome is final, across restarts (the journal marks what is
// still to follow): while the outcome is pending it listens to the tranId's event stream and checks again as soon as
// the hub records the upstream delivery or refusal. A check at the outbox's backoff stays as the safety net for a
// stream that dropped (each such check opens the stream afresh; the hub replays what it missed).

const CHECK_TIMEOUT_MS = 10_000;
/** Streams open at once; a sale beyond this is followed by the backoff checks alone until a stream frees up. */
const MAX_STREAMS = 16;
/** Checks at once: a till opening with many outcomes to learn asks the hub a few at a time. */
const MAX_CHECKS = 4;
const UPSTREAM_FINAL_EVENTS = new Set(['advice.delivered', 'advice.failed']);

export interface UpstreamFinding {
  outcome: 'pending' | 'accepted' | 'refused' | 'none';
  status?: string;
  finishedAt?: string;
}

// Payment states in which the hub has (or will have) an advice of its own on its way to the partner.
const UPSTREAM_OWED = new Set(['FORWARDED', 'APPROVED', 'REVERSING', 'CONFIRMED']);

/** Reads the hub's answer about a tranId; undefined when it says nothing about the advice (try again later). */
export function upstreamFinding(outcome: HttpOutcome): UpstreamFinding | undefined {
  if (outcome.kind !== 'response') return undefined;
  // The tranId is not (or no longer) this till's at the hub: there is nothing of its own to follow.
  if (outcome.status === 404) return { outcome: 'none' };
  if (outcome.status !== 200 || !outcome.body || typeof outcome.body !== 'object') return undefined;
  const body = outcome.body as {
    payment?: { state?: unknown };
    upstreamAdvice?: { state?: unknown; lastStatus?: unknown; finishedAt?: unknown };
  };
  const upstream = body.upstreamAdvice;
  if (upstream && typeof upstream === 'object') {
    const extra: Omit<UpstreamFinding, 'outcome'> = {};
    if (typeof upstream.lastStatus === 'string') extra.status = upstream.lastStatus;
    if (typeof upstream.finishedAt === 'string') extra.finishedAt = upstream.finishedAt;
    if (upstream.state === 'delivered') return { outcome: 'accepted', ...extra };
    if (upstream.state === 'failed') return { outcome: 'refused', ...extra };
    return { outcome: 'pending' };
  }
  const state = body.payment?.state;
  return typeof state === 'string' && UPSTREAM_OWED.has(state) ? { outcome: 'pending' } : { outcome: 'none' };
}

export function withFinding(advice: AdviceRecord, finding: UpstreamFinding): AdviceRecord {
  const next: AdviceRecord = { ...advice, partnerOutcome: finding.outcome };
  if (finding.status) next.partnerStatus = finding.status;
  if (finding.finishedAt) next.partnerFinishedAt = finding.finishedAt;
  return next;
}

export interface PartnerOutcomeDeps {
  store: TillStore;
  client: HubClient;
  settings: () => TillSettings;
  now: () => number;
  logger: Logger;
  /** Follows a tranId's event stream at the hub (hub-events.ts); `onEnd` when the stream ends by itself. */
  follow?: (tranId: string, onEvent: (event: HubEvent) => void, onEnd: () => void) => EventFollower;
}

export class PartnerOutcomeWatcher {
  private readonly scanner: DueScanner;
  private readonly inFlight = new Set<string>();
  /** Per sale: checks made so far (for the backoff) and when the next is due. In memory: a restart checks at once. */
  private readonly schedule = new Map<string, { checks: number; dueAt: number }>();
  private readonly streams = new Map<string, EventFollower>();

  constructor(private readonly deps: PartnerOutcomeDeps) {
    this.scanner = new DueScanner((now) => this.checkDue(now), deps.now);
  }

  private get closed(): boolean {
    return this.scanner.closed;
  }

  /** Looks for advices to follow on the next turn (a delivery, an open, a settings change). */
  kick(): void {
    this.scanner.kick();
  }

  close(): void {
    this.scanner.close();
    for (const saleId of [...this.streams.keys()]) this.stopStream(saleId);
  }

  /** (Re)opens the sale's event stream: the hub's upstream delivery or refusal wakes a check at once. */
  private listen(sale: SaleRecord): void {
    const { follow } = this.deps;
    this.stopStream(sale.saleId);
    if (!follow || this.streams.size >= MAX_STREAMS) return;
    const saleId = sale.saleId;
    const stream = follow(sale.tranId!, (event) => {
      if (!UPSTREAM_FINAL_EVENTS.has(event.type) || this.closed) return;
      this.stopStream(saleId);
      const entry = this.schedule.get(saleId);
      if (entry) entry.dueAt = this.deps.now();
      this.kick();
    }, () => {
      // Dropped (hub restarting, network): the next backoff check reopens it; reopening now could spin on a dead hub.
      if (this.streams.get(saleId) === stream) this.streams.delete(saleId);
    });
    this.streams.set(saleId, stream);
  }

  /** Another hub, client or password: streams opened with the old ones close, and every outcome is checked afresh. */
  restart(): void {
    for (const saleId of [...this.streams.keys()]) this.stopStream(saleId);
    for (const entry of this.schedule.values()) entry.dueAt = this.deps.now();
    this.kick();
  }

  private stopStream(saleId: string): void {
    this.streams.get(saleId)?.stop();
    this.streams.delete(saleId);
  }

  /** Checks every followed advice due at `now`; answers when the next check falls due. */
  private checkDue(now: number): number {
    let earliest = Infinity;
    const following = new Set<string>();
    for (const sale of this.deps.store.all()) {
      if (!awaitsPartner(sale.advice) || !sale.tranId) continue;
      following.add(sale.saleId);
      if (this.inFlight.has(sale.saleId)) continue;
      const dueAt = this.schedule.get(sale.saleId)?.dueAt ?? now;
      if (dueAt > now) earliest = Math.min(earliest, dueAt);
      else if (this.inFlight.size < MAX_CHECKS) void this.check(sale);
      // Due but over the limit: a finishing check kicks the scan again (see check()'s finally).
    }
    for (const saleId of this.schedule.keys()) if (!following.has(saleId)) this.schedule.delete(saleId);
    for (const saleId of [...this.streams.keys()]) if (!following.has(saleId)) this.stopStream(saleId);
    return earliest;
  }

  /** The same backoff as the outbox's resends. */
  private gapMs(checks: number): number {
    return retryGapMs(checks, this.deps.settings().outbox);
  }

  private async check(sale: SaleRecord): Promise<void> {
    const { store, client, logger } = this.deps;
    const saleId = sale.saleId;
    this.inFlight.add(saleId);
    try {
      const answer = await client.transaction(sale.tranId!, CHECK_TIMEOUT_MS);
      if (this.closed) return;
      const finding = upstreamFinding(answer);
      const checks = (this.schedule.get(saleId)?.checks ?? 0) + 1;
      if (!finding || finding.outcome === 'pending') {
        this.schedule.set(saleId, { checks, dueAt: this.deps.now() + this.gapMs(checks) });
        this.listen(sale);
        logger.debug(finding ? 'partner outcome pending' : 'partner outcome not known yet', { saleId, tranId: sale.tranId, result: outcomeLabel(answer) });
        return;
      }
      const recorded = await store.transact((tx) => {
        const current = tx.get(saleId);
        if (!current?.advice || !awaitsPartner(current.advice) || current.advice.adviceId !== sale.advice!.adviceId) return false;
        tx.put({ ...current, advice: withFinding(current.advice, finding), updatedAt: nowIso(this.deps.now()) });
        return true;
      });
      this.schedule.delete(saleId);
      this.stopStream(saleId);
      const fields = { saleId, tranId: sale.tranId, kind: sale.advice!.kind, partnerStatus: finding.status };
      if (!recorded) return;
      if (answer.kind === 'response' && answer.status === 404) {
        // Only another hub or client (a changed setting) does not know the till's tranId: nothing left to follow.
        logger.warn('the hub does not know this sale: its partner outcome cannot be followed', fields);
      } else if (finding.outcome === 'refused') {
        logger.error('the partner refused the advice the hub forwarded: reconcile this sale by hand', fields);
      } else logger.info('partner outcome of the advice', { ...fields, outcome: finding.outcome });
    } catch (error) {
      if (this.closed) return;
      logger.warn('could not record the partner outcome', { saleId, error });
      const checks = (this.schedule.get(saleId)?.checks ?? 0) + 1;
      this.schedule.set(saleId, { checks, dueAt: this.deps.now() + this.gapMs(checks) });
    } finally {
      this.inFlight.delete(saleId);
      this.kick();
    }
  }
}
