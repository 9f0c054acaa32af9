import type { PaymentRequest } from '../../protocol/index.js';
import { badRequest } from '../errors.js';
import { answerForError, errorAnswer, type Answer } from './answers.js';
import { checkMerchant, partnerById, partnerInstitution, type HubContext } from './context.js';
import { HeldPayment, type HeldPaymentOwner } from './held-payment.js';
import { decideOpenPayment, decideUpstreamOutcome } from './payment-rules.js';

/**
 * pay (docs/protocol.md §6.2-6.3): persists the payment, holds the POS call until the scan's committed event wakes it (never
 * by polling), forwards to the scanning partner and relays the outcome.
 */
export class PaymentService implements HeldPaymentOwner {
  private readonly held = new Set<HeldPayment>();
  private closing = false;

  constructor(private readonly ctx: HubContext) {}

  pay(request: PaymentRequest, clientId: string): Promise<Answer> {
    const { config, now: clock } = this.ctx;
    const ids = { originalId: request.id, tranId: request.tranId };
    const now = clock();
    const deadlineAt = now + config.timeouts.scanWindowSeconds * 1000;

    if (this.closing) return Promise.resolve(errorAnswer(503, 'UPSTREAM_UNAVAILABLE', 'Hub shutting down, try again', ids));
    if (this.held.size >= config.limits.maxHeldPayments) {
      return Promise.resolve(errorAnswer(503, 'UPSTREAM_UNAVAILABLE', 'Hub at capacity, try again', ids));
    }
    const held = new HeldPayment(this.ctx, this, request);
    this.held.add(held);
    this.ctx.store.transact({ tranId: request.tranId, tombstone: { clientId, paymentId: request.id }, idTaken: { kind: 'payment', id: request.id } },
      (view) => {
        if (!view.idTaken) this.checkRetailerRequest(request, clientId, ids);
        return decideOpenPayment(view, request, clientId, now, deadlineAt);
      },
    ).then(() => {
      if (this.closing) void held.expire('hub shutting down');
      else held.arm(deadlineAt);
    }, (error) => {
      try {
        held.reject(answerForError(error, ids, { 'payment.id': ['DUPLICATE_RECORD', 'Payment id already used'],
          'payment.tranId': ['INVALID_TRAN_ID', 'tranId already has a payment'] }));
      } catch (unexpected) {
        this.ctx.logger.error('could not open payment', { error: unexpected, paymentId: request.id });
        held.reject(errorAnswer(500, 'GENERAL_ERROR', 'Unexpected hub failure', ids));
      }
    });
    return held.done;
  }

  /** The merchant allow-list and a partner the POS named (docs/protocol.md §9). */
  private checkRetailerRequest(request: PaymentRequest, clientId: string, ids: { originalId: string; tranId: string }): void {
    const { config } = this.ctx;
    checkMerchant(config, clientId, request.originator.merchant.merchantId, request.originator.terminalId, ids);
    if (request.partner && !partnerById(config, request.partner.id)) throw badRequest('PARTNER_UNKNOWN', 'Unknown partner', ids);
  }

  release(held: HeldPayment): void {
    this.held.delete(held);
  }

  async forward(paymentId: string): Promise<Answer> {
    const { store, config, partnerClient, now } = this.ctx;
    // Its forwarded state is committed (the scan event came after the commit); memory has it without a disk read.
    const payment = (await store.latestView({ paymentId })).payment;
    const ids = { originalId: paymentId, tranId: payment?.tranId };
    if (!payment?.upstreamRequest || !payment.partnerId) return errorAnswer(500, 'GENERAL_ERROR', 'Payment was not forwarded', ids);
    const partner = partnerById(config, payment.partnerId);
    const result = partner
      ? await partnerClient.pay(partner, payment.upstreamRequest, config.timeouts.partnerSeconds * 1000)
      : { kind: 'unavailable' as const, reason: 'partner no longer configured' };
    const institution = partner ? partnerInstitution(partner) : payment.upstreamRequest.partner!;
    return store.transact({ paymentId }, (view) => decideUpstreamOutcome(view, result, { partner: institution }, now()));
  }

  /** Refuses new pay calls, fails every payment still waiting for its scan, and waits for the forwarded ones. */
  async drain(): Promise<void> {
    this.closing = true;
    const held = [...this.held];
    await Promise.all(held.map((payment) => payment.expire('hub shutting down')));
    await Promise.all(held.map((payment) => payment.finished));
  }

  get heldCount(): number {
    return this.held.size;
  }
}
