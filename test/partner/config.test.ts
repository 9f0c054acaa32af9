import { describe, expect, it } from 'vitest';
import { ConfigError, loadPartnerConfig, parsePartnerConfig } from '../../partner/config.js';
import { partnerConfig } from './helpers.js';

describe('partner config', () => {
  it('loads the shipped config/partner.local.json', () => {
    const config = loadPartnerConfig('config/partner.local.json');
    expect(config).toMatchObject({
      listen: { host: '127.0.0.1', port: 8490 },
      partner: { id: 'demo-wallet', name: 'Demo Wallet' },
      hub: { url: 'http://127.0.0.1:8480/qr/v1', providerId: 'za.co.qrtill' },
      wallet: { balance: 100_000_000, currency: '710' },
      timeouts: { hubSeconds: 10 },
    });
  });

  it('fills in the default behaviour and timeouts', () => {
    const { behaviour: _b, timeouts: _t, ...minimal } = partnerConfig();
    const config = parsePartnerConfig(minimal);
    expect(config.behaviour).toEqual({ pay: { mode: 'approve' }, confirm: { mode: 'approve' }, reverse: { mode: 'approve' } });
    expect(config.timeouts.hubSeconds).toBe(10);
  });

  it.each([
    ['an unknown key', { ...partnerConfig(), wallett: {} }, 'wallett'],
    ['a nested unknown key', { ...partnerConfig(), hub: { ...partnerConfig().hub, pasword: 'x' } }, 'hub.pasword'],
    ['a wrong type', { ...partnerConfig(), listen: { host: '127.0.0.1', port: '8490' } }, 'listen.port'],
    ['a bad currency', { ...partnerConfig(), wallet: { balance: 1, currency: 'ZAR' } }, 'wallet.currency'],
    ['a bad behaviour mode', { ...partnerConfig(), behaviour: { pay: { mode: 'maybe' } } }, 'behaviour.pay.mode'],
    ['no clients', { ...partnerConfig(), clients: [] }, 'clients'],
  ])('names the key at fault for %s', (_label, value, key) => {
    expect(() => parsePartnerConfig(value)).toThrow(ConfigError);
    expect(() => parsePartnerConfig(value)).toThrow(new RegExp(`\\b${key.replace('.', '\\.')}\\b`));
  });
});
