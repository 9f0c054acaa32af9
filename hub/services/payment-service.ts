import type { PaymentRequest } from '../../protocol/index.js';
import { badRequest } from '../errors.js';
import type { TimelineEvent } from '../store/records.js';
import { answerForError, errorAnswer, type Answer } from './answers.js';
import { checkMerchant, partnerById, partnerInstitution, type HubContext } from './context.js';
import { decideExpiry, decideOpenPayment, decideUpstreamOutcome } from './payment-rules.js';

interface HeldPayment {
  /** Ends the wait now (shutdown): a payment still waiting for its scan fails cleanly. */
  expire(reason: string): Promise<void>;
  done: Promise<Answer>;
}

/**
 * pay (flows.md §6.2-6.3): persists the payment, holds the POS call until the scan's committed event wakes it (never
 * by polling), forwards to the scanning partner and relays the outcome.
 */
export class PaymentService {
  private readonly held = new Map<string, HeldPayment>();
  private closing = false;

  constructor(private readonly ctx: HubContext) {}

  pay(request: PaymentRequest, clientId: string): Promise<Answer> {
    const { config, now: clock } = this.ctx;
    const ids = { originalId: request.id, tranId: request.tranId };
    checkMerchant(config, clientId, request.originator.merchant.merchantId, request.originator.terminalId, ids);
    if (request.partner && !partnerById(config, request.partner.id)) throw badRequest('PARTNER_UNKNOWN', 'Unknown partner', ids);
    const now = clock();
    const deadlineAt = now + config.timeouts.scanWindowSeconds * 1000;

    let answer!: (value: Answer) => void;
    const done = new Promise<Answer>((resolve) => (answer = resolve));
    let settled = false;
    let forwarding = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (value: Answer) => {
      if (settled) return;
      settled = true;
      answer(value);
    };
    const cleanup = () => {
      clearTimeout(timer);
      unsubscribe();
      if (this.held.get(request.id)?.done === done) this.held.delete(request.id);
    };
    const expire = (reason: string) =>
      this.ctx.store.transact({ paymentId: request.id }, (view) => decideExpiry(view, clock(), reason)).catch((error) => {
        this.ctx.logger.error('could not close the scan window', { error, paymentId: request.id });
        finish(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', ids));
        cleanup();
      });
    const forward = () => {
      if (forwarding) return;
      forwarding = true;
      clearTimeout(timer);
      // The partner's 202 for the scan is written first; the forward starts on the next turn (flows.md §6.2 step 4).
      setImmediate(() => void this.forward(request.id).then(finish, (error) => {
        this.ctx.logger.error('forwarding failed', { error, paymentId: request.id });
        finish(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', ids));
      }).finally(cleanup));
    };
    const unsubscribe = this.ctx.bus.subscribe(request.tranId, (event: TimelineEvent) => {
      if (event.detail?.paymentId !== request.id) return;
      if (event.type === 'scan.accepted') forward();
      else if (event.type === 'payment.expired' || event.type === 'payment.cancelled') {
        finish(errorAnswer(400, 'NO_SCAN_RECEIVED', 'No scan received', ids));
        if (!forwarding) cleanup();
      } else if (event.type === 'payment.reversal-requested') {
        finish(errorAnswer(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment reversed by the retailer', ids));
      }
    });

    this.ctx.store.transact({ tranId: request.tranId, tombstone: { clientId, paymentId: request.id } },
      (view) => decideOpenPayment(view, request, clientId, now, deadlineAt),
    ).then(() => {
      if (settled || forwarding) return;
      this.held.set(request.id, { expire, done });
      if (this.closing) return void expire('hub shutting down');
      timer = setTimeout(() => void expire('scan window closed'), Math.max(0, deadlineAt - clock()));
    }, (error) => {
      cleanup();
      try {
        finish(answerForError(error, ids, { 'payment.id': ['DUPLICATE_RECORD', 'Payment id already used'],
          'payment.tranId': ['INVALID_TRAN_ID', 'tranId already has a payment'] }));
      } catch (unexpected) {
        this.ctx.logger.error('could not open payment', { error: unexpected, paymentId: request.id });
        finish(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', ids));
      }
    });
    return done;
  }

  private async forward(paymentId: string): Promise<Answer> {
    const { store, config, partnerClient, now } = this.ctx;
    // Its forwarded state is committed (the scan event came after the commit); memory has it without a disk read.
    const payment = await store.transact({ paymentId }, (view) => ({ result: view.payment, writes: [] }));
    const ids = { originalId: paymentId, tranId: payment?.tranId };
    if (!payment?.upstreamRequest || !payment.partnerId) return errorAnswer(500, 'GENERAL_ERROR', 'Payment was not forwarded', ids);
    const partner = partnerById(config, payment.partnerId);
    const result = partner
      ? await partnerClient.pay(partner, payment.upstreamRequest, config.timeouts.partnerSeconds * 1000)
      : { kind: 'unavailable' as const, reason: 'partner no longer configured' };
    const institution = partner ? partnerInstitution(partner) : payment.upstreamRequest.partner!;
    return store.transact({ paymentId }, (view) => decideUpstreamOutcome(view, result, { partner: institution }, now()));
  }

  /** Fails every payment still waiting for its scan and waits for the forwarded ones to be answered. */
  async drain(): Promise<void> {
    this.closing = true;
    const held = [...this.held.values()];
    await Promise.all(held.map((payment) => payment.expire('hub shutting down')));
    await Promise.all(held.map((payment) => payment.done));
  }

  get heldCount(): number {
    return this.held.size;
  }
}
