import { newTranId, nowIso, type CreateQrCodeRequest, type CreateQrCodeResponse } from '../../protocol/index.js';
import { badRequest, HubError } from '../errors.js';
import { UniqueViolation } from '../store/store.js';
import { checkMerchant, type HubContext } from './context.js';
import { buildQrForRequest } from './qr-payload.js';

/** createQrCode (docs/protocol.md §6.1): issue a tranId, build its payload, persist it, answer 201. */
export class QrCodeService {
  constructor(private readonly ctx: HubContext) {}

  async create(request: CreateQrCodeRequest, clientId: string): Promise<CreateQrCodeResponse> {
    const { config, now: clock } = this.ctx;
    const now = clock();
    const ids = { originalId: request.id };
    const { merchant, terminalId } = request.originator;
    const tranId = newTranId();
    try {
      return await this.ctx.store.transact({ tranId, idTaken: { kind: 'createId', id: request.id } }, (view) => {
        // docs/protocol.md §8: a reused id is a duplicate whatever else is wrong with the request.
        if (view.idTaken) throw badRequest('DUPLICATE_RECORD', 'Request id already used', ids);
        checkMerchant(config, clientId, merchant.merchantId, terminalId, ids);
        const expiresAt = this.expiry(request, now);
        const qrCode = buildQrForRequest(request, tranId, config.qr);
        // The request is echoed as it came, expiryDate included: the same RFC 3339 string (docs/protocol.md §11).
        const qrProperties = request.qrProperties;
        return {
          result: { ...request, time: nowIso(now), qrProperties, tranId, qrCode },
          writes: [
            {
              op: 'insertQrCode',
              qr: { tranId, createId: request.id, clientId, merchantId: merchant.merchantId, terminalId, qrProperties, issuedAt: now, expiresAt },
            },
            { op: 'event', event: { tranId, at: now, type: 'qr.issued', detail: { clientId, terminalId, expiresAt: nowIso(expiresAt) } } },
          ],
        };
      });
    } catch (error) {
      if (error instanceof UniqueViolation && error.target === 'qr.createId') {
        throw badRequest('DUPLICATE_RECORD', 'Request id already used', ids);
      }
      throw error;
    }
  }

  private expiry(request: CreateQrCodeRequest, now: number): number {
    const given = request.qrProperties.expiryDate;
    if (given === undefined) return now + this.ctx.config.qr.lifetimeSeconds * 1000;
    const at = Date.parse(given); // the schema admits only real RFC 3339 date-times
    if (at <= now) throw new HubError(400, 'FORMAT_ERROR', 'qrProperties.expiryDate is in the past', { originalId: request.id });
    return at;
  }
}
