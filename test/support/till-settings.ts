import type { TillSettings } from '../../electron/pos/settings.js';
import { PASSWORDS } from './stack-config.js';

// Settings of the test till: the demo merchant, the retailer till-01 of the test hub, fast outbox retries.

export function tillSettings(hubUrl: string, overrides: Partial<TillSettings> = {}): TillSettings {
  return {
    hubMode: 'remote',
    hubUrl,
    clientId: 'till-01',
    password: PASSWORDS.retailer,
    terminalId: 'TILL0001',
    merchantId: '123456789012345',
    merchantType: '5411',
    merchantName: 'Corner Grocer',
    merchantCity: 'Cape Town',
    currency: 'ZAR',
    locale: 'en-ZA',
    institution: { id: 'qrtill', name: 'QR Till' },
    payTimeoutSeconds: 22,
    scanWindowSeconds: 5,
    demoMode: true,
    customerDisplay: false,
    outbox: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.4, confirmAfterSeconds: 60, adviceTimeoutSeconds: 5 },
    ...overrides,
  };
}
