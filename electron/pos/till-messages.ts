import {
  currencyNumericCode, newUuid, nowIso,
  type CreateQrCodeRequest, type Institution, type LedgerAmount, type Originator, type PaymentConfirmation,
  type PaymentRequest, type PaymentReversal, type ReversalReason,
} from '../../protocol/index.js';
import type { PayResponseFacts } from './sale-record.js';
import type { TillSettings } from './settings.js';

// The messages the till sends the hub (docs/protocol.md §2, §6.2, §11). Every builder makes a fresh UUID v4 id.

/** MerchantName.country is 2 characters at most: the locale's region when it is an ISO 3166 alpha-2 code. */
export function localeCountry(locale: string): string {
  try {
    const region = new Intl.Locale(locale).region;
    return region && /^[A-Z]{2}$/.test(region) ? region : '';
  } catch {
    return '';
  }
}

export function tillOriginator(settings: TillSettings): Originator {
  return {
    institution: { id: settings.institution.id, name: settings.institution.name },
    terminalId: settings.terminalId,
    merchant: {
      merchantId: settings.merchantId,
      merchantType: settings.merchantType,
      merchantName: {
        name: settings.merchantName,
        city: settings.merchantCity,
        region: '',
        country: localeCountry(settings.locale),
      },
    },
  };
}

export function tillClient(settings: TillSettings): Institution {
  return { id: settings.clientId, name: settings.institution.name };
}

export function ledgerAmount(amountMinor: number, currency: string): LedgerAmount {
  const numeric = currencyNumericCode(currency);
  if (!numeric) throw new Error(`unsupported currency ${currency}`);
  return { amount: amountMinor, currency: numeric };
}

export function createQrCodeRequest(settings: TillSettings, amountMinor: number, at: number): CreateQrCodeRequest {
  const amount = ledgerAmount(amountMinor, settings.currency);
  return {
    id: newUuid(),
    time: nowIso(at),
    originator: tillOriginator(settings),
    client: tillClient(settings),
    amounts: { requestAmount: amount },
    qrProperties: { value: { ...amount } },
  };
}

export function paymentRequest(
  settings: TillSettings, sale: { saleId: string; amountMinor: number }, tranId: string, at: number,
): PaymentRequest {
  return {
    id: newUuid(),
    time: nowIso(at),
    originator: tillOriginator(settings),
    client: tillClient(settings),
    thirdPartyIdentifiers: [{ institutionId: settings.institution.id, transactionIdentifier: sale.saleId }],
    amounts: { requestAmount: ledgerAmount(sale.amountMinor, settings.currency) },
    tranId,
  };
}

/** The same pay with a fresh id, after a DUPLICATE_RECORD (docs/protocol.md §4). */
export function withFreshId<T extends { id: string; time: string }>(message: T, at: number): T {
  return { ...message, id: newUuid(), time: nowIso(at) };
}

function adviceBase(request: PaymentRequest, response: PayResponseFacts | undefined, at: number) {
  const base = {
    id: newUuid(),
    requestId: request.id,
    time: nowIso(at),
    thirdPartyIdentifiers: (response?.thirdPartyIdentifiers ?? request.thirdPartyIdentifiers).map((entry) => ({ ...entry })),
    tranId: request.tranId,
  };
  return response?.partner ? { ...base, partner: { ...response.partner } } : base;
}

/** A full confirmation, or of the approved amount when the response carried one. */
export function paymentConfirmation(request: PaymentRequest, response: PayResponseFacts, at: number): PaymentConfirmation {
  const confirmation: PaymentConfirmation = adviceBase(request, response, at);
  if (response.approvedAmount) confirmation.amounts = { approvedAmount: { ...response.approvedAmount } };
  return confirmation;
}

/** A full reversal (amounts omitted: the final amount is zero). */
export function paymentReversal(
  request: PaymentRequest, response: PayResponseFacts | undefined, reason: ReversalReason, at: number,
): PaymentReversal {
  return { ...adviceBase(request, response, at), reversalReason: reason };
}
