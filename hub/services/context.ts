import type { Logger } from '../../common/logger.js';
import type { Institution } from '../../protocol/index.js';
import type { HubConfig, PartnerConfig } from '../config.js';
import { badRequest } from '../errors.js';
import type { HubStore } from '../store/store.js';
import type { PartnerClient } from '../upstream/partner-client.js';
import type { TimelineBus } from './timeline-bus.js';

/** What every service needs, built once at start. */
export interface HubContext {
  config: HubConfig;
  store: HubStore;
  bus: TimelineBus;
  partnerClient: PartnerClient;
  logger: Logger;
  now: () => number;
}

export function partnerById(config: HubConfig, id: string): PartnerConfig | undefined {
  return config.partners.find((partner) => partner.id === id);
}

export function partnerInstitution(partner: PartnerConfig): Institution {
  return { id: partner.id, name: partner.name };
}

/** The optional merchant allow-list of the config: when present, unknown merchants get 400 INVALID_MERCHANT. */
export function checkMerchant(config: HubConfig, clientId: string, merchantId: string, terminalId: string,
  ids: { originalId: string; tranId?: string }): void {
  if (!config.merchants) return;
  const allowed = config.merchants.some((merchant) => merchant.client === clientId && merchant.merchantId === merchantId
    && (!merchant.terminalIds || merchant.terminalIds.includes(terminalId)));
  if (!allowed) throw badRequest('INVALID_MERCHANT', 'Merchant or terminal not registered', ids);
}
