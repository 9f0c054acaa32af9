// The rules of the till's settings that both sides apply: the engine's schema (electron/pos/settings.ts) and the
// Settings form in the renderer, which checks them first to show each problem next to its field. Plain functions,
// no imports, so the renderer can use them without a schema library.

/** Electrum's limits: Originator.terminalId, Merchant.merchantId, MerchantName.name and .city. */
export const SETTINGS_LIMITS = {
  terminalIdLength: 8,
  merchantIdLength: 15,
  merchantNameMax: 23,
  merchantCityMax: 13,
  clientIdMax: 64,
  passwordMax: 256,
  payTimeoutSeconds: { min: 5, max: 600 },
  scanWindowSeconds: { min: 1, max: 600 },
} as const;

/** The pay call waits for the scan window and then the partner; anything shorter reverses approved payments. */
export const PAY_TIMEOUT_MARGIN_SECONDS = 10;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The till sends its hub password with every request: plain http is only acceptable on this machine. */
export function isSafeHubUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '[::1]'
      || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  } catch {
    return false;
  }
}

export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}
