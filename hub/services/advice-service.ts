import type { PaymentConfirmation, PaymentReversal } from '../../protocol/index.js';
import type { AdviceKind, PaymentRecord } from '../store/records.js';
import { answerForError, type Answer } from './answers.js';
import { partnerById, partnerInstitution, type HubContext } from './context.js';
import { decideAdvice } from './advice-rules.js';

/**
 * confirmPayment and reversePayment from the POS: stored durably and answered 202 without waiting for the partner;
 * the store-and-forward worker picks up what was queued from the committed 'advice.queued' event.
 */
export class AdviceService {
  constructor(private readonly ctx: HubContext) {}

  async receive(kind: AdviceKind, advice: PaymentConfirmation | PaymentReversal, clientId: string): Promise<Answer> {
    const { store, config, now } = this.ctx;
    const partnerOf = (payment: PaymentRecord) => {
      const partner = partnerById(config, payment.partnerId ?? '');
      return partner ? partnerInstitution(partner) : payment.upstreamRequest!.partner!;
    };
    try {
      return await store.transact(
        { paymentId: advice.requestId, clientId, advice: { kind, id: advice.id } },
        (view) => decideAdvice(view, { kind, advice, clientId, now: now(), partnerOf }),
      );
    } catch (error) {
      return answerForError(error, { originalId: advice.requestId, tranId: advice.tranId },
        { 'advice.id': ['DUPLICATE_RECORD', 'Advice id already used'] });
    }
  }
}
