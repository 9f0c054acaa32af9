// Realistic valid instances of the seven Electrum QR messages, for protocol and hub tests. Each call makes fresh ids.
import {
  buildQrPayload, newTranId, newUuid, nowIso,
  type CreateQrCodeRequest, type CreateQrCodeResponse, type Institution, type LedgerAmount, type Originator,
  type PaymentConfirmation, type PaymentRequest, type PaymentResponse, type PaymentReversal, type ReversalReason,
  type ScanNotification, type ThirdPartyIdentifier,
} from '../../protocol/index.js';

export const RETAILER_CLIENT_ID = 'till-01';
export const TERMINAL_ID = 'TILL0001';
export const MERCHANT_ID = '123456789012345';
export const MERCHANT_TYPE = '5411';
export const CURRENCY = '710';
export const SAMPLE_AMOUNT = 12_345;
export const QR_PROVIDER_ID = 'za.co.elec';

export const RETAILER_CLIENT: Institution = { id: RETAILER_CLIENT_ID, name: 'Corner Grocer Tills' };
export const SAMPLE_PARTNER: Institution = { id: 'partner-01', name: 'Demo Wallet' };

export function sampleAmount(amount: number = SAMPLE_AMOUNT): LedgerAmount {
  return { amount, currency: CURRENCY };
}

export function sampleOriginator(): Originator {
  return {
    institution: { id: 'corner-grocer', name: 'Corner Grocer' },
    terminalId: TERMINAL_ID,
    merchant: {
      merchantType: MERCHANT_TYPE,
      merchantId: MERCHANT_ID,
      merchantName: { name: 'Corner Grocer Rosebank', city: 'Johannesburg', region: 'GP', country: 'ZA' },
    },
    operatorId: 'cashier-7',
  };
}

/** The POS's own thirdPartyIdentifiers entry: its client id and a till reference. */
export function posThirdPartyIdentifier(reference: string = newUuid()): ThirdPartyIdentifier {
  return { institutionId: RETAILER_CLIENT_ID, transactionIdentifier: reference };
}

export function sampleCreateQrCodeRequest(overrides: Partial<CreateQrCodeRequest> = {}): CreateQrCodeRequest {
  return {
    id: newUuid(),
    time: nowIso(),
    originator: sampleOriginator(),
    client: RETAILER_CLIENT,
    amounts: { requestAmount: sampleAmount() },
    qrProperties: { value: sampleAmount(), singleUse: true, scheme: 'ELECTRUM_MERCHANT_MINIMAL' },
    ...overrides,
  };
}

/** The hub's 201 answer to `request`: the request echoed plus a tranId and the §10 QR payload. */
export function sampleCreateQrCodeResponse(
  request: CreateQrCodeRequest = sampleCreateQrCodeRequest(),
  tranId: string = newTranId(),
): CreateQrCodeResponse {
  return { ...request, tranId, qrCode: buildQrPayload({ providerId: QR_PROVIDER_ID, tranId }) };
}

export function sampleScanNotification(tranId: string, overrides: Partial<ScanNotification> = {}): ScanNotification {
  return {
    id: newUuid(),
    time: nowIso(),
    partner: SAMPLE_PARTNER,
    tranId,
    partnerPaymentToken: `tok-${newTranId().slice(0, 16)}`,
    ...overrides,
  };
}

export function samplePaymentRequest(tranId: string, overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    id: newUuid(),
    time: nowIso(),
    originator: sampleOriginator(),
    client: RETAILER_CLIENT,
    thirdPartyIdentifiers: [posThirdPartyIdentifier()],
    amounts: { requestAmount: sampleAmount() },
    tranType: 'GOODS_AND_SERVICES',
    basketRef: 'basket-0001',
    stan: '000123',
    rrn: '000000000123',
    tranId,
    ...overrides,
  };
}

/** A partner approval of `request`, as relayed to the POS: approved amount, partner entry and a wallet tender. */
export function samplePaymentResponse(request: PaymentRequest, overrides: Partial<PaymentResponse> = {}): PaymentResponse {
  const approved = request.amounts.requestAmount ?? sampleAmount();
  return {
    ...request,
    partner: SAMPLE_PARTNER,
    amounts: { ...request.amounts, approvedAmount: approved },
    thirdPartyIdentifiers: [
      ...request.thirdPartyIdentifiers,
      { institutionId: SAMPLE_PARTNER.id, transactionIdentifier: newUuid() },
    ],
    tenders: [{ amount: approved, tenderType: 'WALLET', reference: 'wallet payment' }],
    ...overrides,
  };
}

export function samplePaymentConfirmation(
  requestId: string,
  overrides: Partial<PaymentConfirmation> = {},
): PaymentConfirmation {
  return { id: newUuid(), requestId, time: nowIso(), thirdPartyIdentifiers: [], ...overrides };
}

export function samplePaymentReversal(
  requestId: string,
  reason: ReversalReason,
  overrides: Partial<PaymentReversal> = {},
): PaymentReversal {
  return { id: newUuid(), requestId, time: nowIso(), thirdPartyIdentifiers: [], reversalReason: reason, ...overrides };
}
