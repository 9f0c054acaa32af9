import { newUuid, type Institution, type ScanNotification } from '../../protocol/index.js';
import { badRequest, type HubError } from '../errors.js';
import type { PaymentRecord, ScanRecord } from '../store/records.js';
import type { Change, TranView, Write } from '../store/store.js';
import { buildUpstreamPaymentRequest } from '../upstream/messages.js';
import { expiryWrites } from './payment-rules.js';

// notifyScan correlation (docs/protocol.md §6.2-6.5, §8): every scan is recorded, accepted or not, so a reused id is caught.

export type ScanDecision = { accepted: true; forwarded: boolean } | { accepted: false; error: HubError };

export function decideScan(view: TranView, scan: ScanNotification, partner: Institution, hub: Institution,
  now: number): Change<ScanDecision> {
  const ids = { originalId: scan.id, tranId: scan.tranId };
  const record = (accepted: boolean): Write =>
    ({ op: 'insertScan', scan: { id: scan.id, tranId: scan.tranId, partnerId: partner.id, receivedAt: now, accepted, notification: scan } satisfies ScanRecord });
  const decline = (errorType: HubError['errorType'], message: string, extra: Write[] = []): Change<ScanDecision> => ({
    result: { accepted: false, error: badRequest(errorType, message, ids) },
    writes: [record(false), ...extra, ...(view.qr
      ? [{ op: 'event', event: { tranId: scan.tranId, at: now, type: 'scan.declined', detail: { partnerId: partner.id, errorType } } } satisfies Write]
      : [])],
  });

  const { qr, payment } = view;
  if (!qr) return decline('INVALID_TRAN_ID', 'Unknown tranId');
  if (!payment) {
    return now > qr.expiresAt ? decline('INVALID_TRAN_ID', 'tranId has expired') : decline('UNABLE_TO_LOCATE_RECORD', 'No payment waiting for this tranId');
  }
  if (payment.request.partner && payment.request.partner.id !== partner.id) {
    return decline('PARTNER_UNKNOWN', 'Not the partner named by the retailer');
  }
  if (payment.partnerId !== undefined) {
    if (payment.partnerId === partner.id) return { result: { accepted: true, forwarded: false }, writes: [record(true)] };
    return decline('INVALID_TRAN_ID', 'tranId claimed by another partner');
  }
  if (payment.state !== 'AWAITING_SCAN') return decline('UNABLE_TO_LOCATE_RECORD', 'No payment waiting for this tranId');
  if (now > payment.deadlineAt) {
    return decline('UNABLE_TO_LOCATE_RECORD', 'No payment waiting for this tranId', expiryWrites(payment, now, 'scan window closed'));
  }

  const upstreamId = newUuid();
  const forwarded: PaymentRecord = {
    ...payment,
    state: 'FORWARDED',
    partnerId: partner.id,
    scanId: scan.id,
    upstreamId,
    upstreamRequest: buildUpstreamPaymentRequest(payment.request, scan, hub, upstreamId, now),
    updatedAt: now,
  };
  const detail = { paymentId: payment.id, partnerId: partner.id, partnerName: partner.name };
  return {
    result: { accepted: true, forwarded: true },
    writes: [
      record(true),
      { op: 'updatePayment', payment: forwarded },
      { op: 'event', event: { tranId: scan.tranId, at: now, type: 'scan.accepted', detail } },
      { op: 'event', event: { tranId: scan.tranId, at: now, type: 'payment.forwarded', detail: { ...detail, upstreamId } } },
    ],
  };
}
