import type { PartnerConfigInput } from '../../partner/config.js';

// Configs for a hub and the demo partner that know each other, on loopback ports.

export const HUB_PARTNER_PASSWORD = 'qrhub-to-partner-secret';
export const PASSWORDS = {
  retailer: 'till-01-secret',
  otherRetailer: 'till-02-secret',
  partner: 'demo-wallet-secret',
  admin: 'operator-secret',
};
export const PROVIDER_ID = 'za.co.qrtill';

export interface HubConfigOverrides {
  timeouts?: { scanWindowSeconds?: number; partnerSeconds?: number };
  saf?: { retryInitialSeconds?: number; retryMaxSeconds?: number };
  qr?: { lifetimeSeconds?: number };
  merchants?: unknown[];
  partnerUrl?: string;
}

export function hubConfigFor(hubPort: number, partnerPort: number, database: string, overrides: HubConfigOverrides = {}) {
  return {
    listen: { host: '127.0.0.1', port: hubPort },
    database,
    institution: { id: 'qrhub', name: 'QR Hub' },
    qr: { providerId: PROVIDER_ID, lifetimeSeconds: overrides.qr?.lifetimeSeconds ?? 300 },
    timeouts: { scanWindowSeconds: 5, partnerSeconds: 2, ...overrides.timeouts },
    saf: { retryInitialSeconds: 0.05, retryMaxSeconds: 0.2, ...overrides.saf },
    clients: [
      { id: 'till-01', password: PASSWORDS.retailer, role: 'retailer' },
      { id: 'till-02', password: PASSWORDS.otherRetailer, role: 'retailer' },
      { id: 'demo-wallet', password: PASSWORDS.partner, role: 'partner' },
      { id: 'other-wallet', password: 'other-wallet-secret', role: 'partner' },
      { id: 'routeless-wallet', password: 'routeless-wallet-secret', role: 'partner' },
      { id: 'operator', password: PASSWORDS.admin, role: 'admin' },
    ],
    ...(overrides.merchants ? { merchants: overrides.merchants } : {}),
    partners: [
      { id: 'demo-wallet', name: 'Demo Wallet', url: overrides.partnerUrl ?? `http://127.0.0.1:${partnerPort}/qr/v1`,
        username: 'qrhub', password: HUB_PARTNER_PASSWORD },
      { id: 'other-wallet', name: 'Other Wallet', url: 'http://127.0.0.1:9/qr/v1', username: 'qrhub', password: 'x' },
    ],
    log: { level: 'debug' as const },
  };
}

export function partnerConfigFor(partnerPort: number, hubPort: number): PartnerConfigInput {
  return {
    listen: { host: '127.0.0.1', port: partnerPort },
    partner: { id: 'demo-wallet', name: 'Demo Wallet' },
    hub: { url: `http://127.0.0.1:${hubPort}/qr/v1`, username: 'demo-wallet', password: PASSWORDS.partner, providerId: PROVIDER_ID },
    clients: [{ username: 'qrhub', password: HUB_PARTNER_PASSWORD }],
    wallet: { balance: 10_000_000, currency: '710' },
  };
}
