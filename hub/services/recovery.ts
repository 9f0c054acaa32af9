import { partnerById, partnerInstitution, type HubContext } from './context.js';
import { decideExpiry, decideUpstreamOutcome } from './payment-rules.js';

/**
 * After a crash or restart: nobody holds the POS calls any more. Payments still waiting for a scan fail (the POS sees
 * its connection drop and reverses); payments whose forward was in flight have an unknown outcome, so the hub sends
 * its own timeout reversal (docs/protocol.md §6.8).
 */
export async function recoverInterruptedPayments(ctx: HubContext): Promise<{ expired: number; reversed: number }> {
  const { store, config, now, logger } = ctx;
  const interrupted = await store.paymentsInStates(['AWAITING_SCAN', 'FORWARDED', 'REVERSING']);
  let expired = 0;
  let reversed = 0;
  for (const payment of interrupted) {
    if (payment.state === 'AWAITING_SCAN') {
      await store.transact({ paymentId: payment.id }, (view) => decideExpiry(view, now(), 'hub restarted'));
      expired++;
    } else if (payment.upstreamOutcome === undefined) {
      const partner = partnerById(config, payment.partnerId ?? '');
      const institution = partner ? partnerInstitution(partner) : payment.upstreamRequest!.partner!;
      await store.transact({ paymentId: payment.id }, (view) => decideUpstreamOutcome(view,
        { kind: 'unknown', reversalReason: 'TIMEOUT', reason: 'hub restarted' }, { partner: institution }, now()));
      reversed++;
    }
  }
  if (expired + reversed > 0) logger.warn('recovered interrupted payments', { expired, reversed });
  return { expired, reversed };
}
