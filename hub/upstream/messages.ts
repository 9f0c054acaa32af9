import {
  newUuid, nowIso, type Institution, type PaymentConfirmation, type PaymentRequest, type PaymentResponse,
  type PaymentReversal, type ReversalReason, type ScanNotification, type ThirdPartyIdentifier,
} from '../../protocol/index.js';
import type { AdviceKind, PaymentRecord } from '../store/records.js';

// What the hub sends upstream and downstream (docs/protocol.md §7).

/** Concatenates identifier lists; each institution's entries are kept exactly as that institution set them. */
export function mergeThirdPartyIdentifiers(...lists: (ThirdPartyIdentifier[] | undefined)[]): ThirdPartyIdentifier[] {
  const seen = new Set<string>();
  const merged: ThirdPartyIdentifier[] = [];
  for (const entry of lists.flat()) {
    if (!entry) continue;
    const key = `${entry.institutionId}\u0000${entry.transactionIdentifier}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push({ institutionId: entry.institutionId, transactionIdentifier: entry.transactionIdentifier });
  }
  return merged;
}

function defined<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
}

/** The POS's own references, carried unchanged to the partner and back to the POS. */
function retailerReferences(pos: PaymentRequest) {
  return {
    basketRef: pos.basketRef,
    tranType: pos.tranType,
    srcAccType: pos.srcAccType,
    destAccType: pos.destAccType,
    stan: pos.stan,
    rrn: pos.rrn,
  };
}

export function buildUpstreamPaymentRequest(pos: PaymentRequest, scan: ScanNotification, hub: Institution,
  upstreamId: string, now: number): PaymentRequest {
  return defined({
    id: upstreamId,
    time: nowIso(now),
    originator: pos.originator,
    client: hub,
    settlementEntity: pos.settlementEntity ?? scan.settlementEntity,
    receiver: pos.receiver ?? scan.receiver,
    thirdPartyIdentifiers: mergeThirdPartyIdentifiers(pos.thirdPartyIdentifiers, scan.thirdPartyIdentifiers,
      [{ institutionId: hub.id, transactionIdentifier: pos.tranId }]),
    slipData: pos.slipData,
    ...retailerReferences(pos),
    partner: scan.partner,
    amounts: pos.amounts,
    tranId: pos.tranId,
    partnerPaymentToken: scan.partnerPaymentToken,
  });
}

export function buildPosPaymentResponse(pos: PaymentRequest, upstream: PaymentRequest, answer: PaymentResponse,
  partner: Institution, now: number): PaymentResponse {
  return defined({
    id: pos.id,
    time: nowIso(now),
    originator: pos.originator,
    client: pos.client,
    settlementEntity: answer.settlementEntity ?? upstream.settlementEntity,
    receiver: answer.receiver ?? upstream.receiver,
    thirdPartyIdentifiers: mergeThirdPartyIdentifiers(upstream.thirdPartyIdentifiers, answer.thirdPartyIdentifiers),
    slipData: answer.slipData,
    ...retailerReferences(pos),
    partner,
    tenders: answer.tenders,
    amounts: answer.amounts,
    tranId: pos.tranId,
  });
}

/** One advice upstream per payment: the hub's own ids, requestId = the hub's upstream PaymentRequest id. */
export function buildUpstreamAdvice(payment: PaymentRecord, partner: Institution, kind: AdviceKind,
  posAdvice: PaymentConfirmation | PaymentReversal | undefined, reason: ReversalReason | undefined, now: number,
): PaymentConfirmation | PaymentReversal {
  const upstream = payment.upstreamRequest;
  if (!upstream || !payment.upstreamId) throw new Error(`payment ${payment.id} was never forwarded`);
  const advice = defined({
    id: newUuid(),
    requestId: payment.upstreamId,
    time: nowIso(now),
    thirdPartyIdentifiers: mergeThirdPartyIdentifiers(payment.partnerResponse?.thirdPartyIdentifiers ?? upstream.thirdPartyIdentifiers),
    stan: posAdvice?.stan,
    rrn: posAdvice?.rrn,
    amounts: posAdvice?.amounts,
    partner,
    tranId: payment.tranId,
  });
  if (kind === 'confirmation') return advice;
  return { ...advice, reversalReason: reason ?? (posAdvice as PaymentReversal | undefined)?.reversalReason ?? 'TIMEOUT' };
}
