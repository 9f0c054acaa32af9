import type { ScanNotification } from '../../protocol/index.js';
import { badRequest } from '../errors.js';
import { answerForError, type Answer } from './answers.js';
import { partnerById, partnerInstitution, type HubContext } from './context.js';
import { decideScan } from './scan-rules.js';

/** notifyScan: links the scan to the waiting payment by tranId; the 202 is sent before the payment is forwarded. */
export class ScanService {
  constructor(private readonly ctx: HubContext) {}

  async notify(scan: ScanNotification, username: string): Promise<Answer> {
    const { config, store, now } = this.ctx;
    const ids = { originalId: scan.id, tranId: scan.tranId };
    const partner = partnerById(config, scan.partner.id);
    if (scan.partner.id !== username || !partner) throw badRequest('PARTNER_UNKNOWN', 'Partner unknown or not yours', ids);
    this.ctx.logger.debug('scan received', { scan });
    try {
      const decision = await store.transact({ tranId: scan.tranId },
        (view) => decideScan(view, scan, partnerInstitution(partner), config.institution, now()));
      if (!decision.accepted) throw decision.error;
      this.ctx.logger.info('scan accepted', { tranId: scan.tranId, partner: partner.id, forwarded: decision.forwarded });
      return { status: 202 };
    } catch (error) {
      return answerForError(error, ids, { 'scan.id': ['DUPLICATE_RECORD', 'Scan id already used'] });
    }
  }
}
