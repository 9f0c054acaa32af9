import type { AuthenticatedClient } from '../auth/client-registry.js';
import { HubError } from '../errors.js';
import type { TimelineEvent } from '../store/records.js';
import type { TranView } from '../store/store.js';
import type { HubContext } from './context.js';

// Read-only views of a tranId for its retailer and for operators. Nothing here changes state.

export interface PublicEvent {
  seq: number;
  at: string;
  type: string;
  detail?: Record<string, unknown>;
}

export function publicEvent(event: TimelineEvent): PublicEvent {
  const out: PublicEvent = { seq: event.seq ?? 0, at: iso(event.at), type: event.type };
  if (event.detail) out.detail = event.detail;
  return out;
}

export class TransactionQueries {
  constructor(private readonly ctx: HubContext) {}

  /** A retailer sees only the tranIds it created; an admin sees all. Others get the same 404 as a missing tranId. */
  async transaction(tranId: string, viewer: AuthenticatedClient) {
    const view = await this.ctx.store.readView({ tranId });
    if (!view.qr || (viewer.role !== 'admin' && view.qr.clientId !== viewer.id)) {
      throw new HubError(404, 'UNABLE_TO_LOCATE_RECORD', 'No such transaction', { tranId });
    }
    const events = await this.ctx.store.timeline(tranId);
    return { ...summarise(view, this.ctx.now()), events: events.map(publicEvent) };
  }

  /** Replays the stored timeline after `afterSeq`, then follows committed events live, each exactly once. */
  follow(tranId: string, afterSeq: number, onEvent: (event: PublicEvent) => void): () => void {
    let lastSeq = afterSeq;
    let replaying = true;
    const buffered: TimelineEvent[] = [];
    const emit = (event: TimelineEvent) => {
      if ((event.seq ?? 0) <= lastSeq) return;
      lastSeq = event.seq ?? lastSeq;
      onEvent(publicEvent(event));
    };
    const unsubscribe = this.ctx.bus.subscribe(tranId, (event) => (replaying ? buffered.push(event) : emit(event)));
    void this.ctx.store.timeline(tranId).then((events) => {
      events.forEach(emit);
      buffered.forEach(emit);
      replaying = false;
    }, (error) => this.ctx.logger.error('timeline replay failed', { error, tranId }));
    return unsubscribe;
  }

  async safQueue() {
    const advices = [...await this.ctx.store.upstreamAdvices('pending'), ...await this.ctx.store.upstreamAdvices('failed')];
    return advices.map(({ body: _body, queuedAt, nextAttemptAt, finishedAt, ...advice }) => ({
      ...advice,
      queuedAt: iso(queuedAt),
      nextAttemptAt: iso(nextAttemptAt),
      ...(finishedAt === undefined ? {} : { finishedAt: iso(finishedAt) }),
    }));
  }
}

/** Every time in the hub's own JSON is RFC 3339 with milliseconds, in UTC (records keep epoch milliseconds). */
const iso = (at: number) => new Date(at).toISOString();

function summarise(view: TranView, now: number) {
  const qr = view.qr!;
  const payment = view.payment;
  const upstream = view.upstreamAdvice;
  return {
    tranId: qr.tranId,
    clientId: qr.clientId,
    terminalId: qr.terminalId,
    issuedAt: iso(qr.issuedAt),
    expiresAt: iso(qr.expiresAt),
    state: payment?.state ?? (now > qr.expiresAt ? 'EXPIRED' : 'ISSUED'),
    payment: payment && {
      id: payment.id,
      state: payment.state,
      requestAmount: payment.request.amounts.requestAmount,
      approvedAmount: payment.posResponse?.amounts.approvedAmount,
      partner: payment.upstreamRequest?.partner,
      receivedAt: iso(payment.receivedAt),
      scanDeadline: iso(payment.deadlineAt),
      errorType: payment.failure?.detail.errorType,
    },
    advices: view.advices.map((advice) => ({ kind: advice.kind, id: advice.id, receivedAt: iso(advice.receivedAt) })),
    upstreamAdvice: upstream && {
      kind: upstream.kind, state: upstream.state, attempts: upstream.attempts, lastStatus: upstream.lastStatus,
      queuedAt: iso(upstream.queuedAt), finishedAt: upstream.finishedAt === undefined ? undefined : iso(upstream.finishedAt),
    },
  };
}
