import {
  buildQrPayload, formatMinorUnits, type CreateQrCodeRequest, type TlvObject,
} from '../../protocol/index.js';
import { badRequest } from '../errors.js';

// Which QR payload the hub builds for each qrProperties.scheme (docs/protocol.md §10).

interface QrSettings {
  providerId: string;
  templateTag: number;
}

export function buildQrForRequest(request: CreateQrCodeRequest, tranId: string, settings: QrSettings): string {
  const scheme = request.qrProperties.scheme ?? 'ELECTRUM_MERCHANT_MINIMAL';
  const base = { providerId: settings.providerId, tranId, templateTag: settings.templateTag };
  if (scheme === 'ELECTRUM_MERCHANT_MINIMAL') return buildQrPayload(base);
  const merchant = request.originator.merchant;
  const amount = request.qrProperties.value ?? request.amounts?.requestAmount;
  const candidates: (TlvObject | undefined)[] = [
    { tag: '52', value: merchant.merchantType },
    amount ? { tag: '53', value: amount.currency } : undefined,
    amount && amount.amount > 0 ? { tag: '54', value: formatMinorUnits(amount.amount, amount.currency) } : undefined,
    merchant.merchantName.country ? { tag: '58', value: merchant.merchantName.country } : undefined,
    merchant.merchantName.name ? { tag: '59', value: merchant.merchantName.name } : undefined,
    merchant.merchantName.city ? { tag: '60', value: merchant.merchantName.city } : undefined,
  ];
  const extraTags = candidates.filter((tag): tag is TlvObject => tag !== undefined);
  if (scheme === 'EMVCO_MERCHANT') {
    const missing = ['53', '58', '59', '60'].filter((tag) => !extraTags.some((object) => object.tag === tag));
    if (missing.length > 0) {
      throw badRequest('FUNCTION_NOT_SUPPORTED', `EMVCo QR needs tags ${missing.join(',')}`, { originalId: request.id });
    }
  }
  return buildQrPayload({ ...base, extraTags, withCrc: true });
}
