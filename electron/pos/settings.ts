import { z } from 'zod';
import type { SettingsInput, TillSettingsView } from '../preload/bridge-types.js';
import { currencyNumericCode } from '../../protocol/currency.js';

// Till settings: what the Settings screen may change, validated as the Electrum schema requires
// (terminalId exactly 8 characters, merchantId exactly 15, merchant name ≤ 23, city ≤ 13).

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const SettingsInputSchema = z.strictObject({
  hubMode: z.enum(['local', 'remote']),
  hubUrl: z.string().trim().refine(isHttpUrl, 'must be an http or https URL without credentials'),
  clientId: z.string().trim().min(1, 'is required').max(64),
  password: z.string().max(256).optional(),
  terminalId: z.string().length(8, 'must be exactly 8 characters'),
  merchantId: z.string().length(15, 'must be exactly 15 characters'),
  merchantName: z.string().trim().min(1, 'is required').max(23, 'must be at most 23 characters'),
  merchantCity: z.string().trim().max(13, 'must be at most 13 characters'),
  currency: z.string().refine((code) => currencyNumericCode(code) !== undefined, 'must be a supported ISO 4217 code'),
  locale: z.string().refine(isLocale, 'must be a locale such as en-ZA'),
  payTimeoutSeconds: z.number().min(5).max(600),
  scanWindowSeconds: z.number().min(1).max(600),
  customerDisplay: z.boolean(),
}) satisfies z.ZodType<SettingsInput>;

/** The whole settings, password included: lives only where the engine runs (never sent to the renderer). */
export interface TillSettings extends Omit<TillSettingsView, 'passwordSet'> {
  password: string;
  /** Merchant category code sent in Originator.merchant.merchantType. */
  merchantType: string;
  /** The till's own institution in Originator.institution and PaymentRequest.client. */
  institution: { id: string; name: string };
  /**
   * The outbox: retry gaps (the first, doubling up to the maximum); how long an approval's confirmation is held back
   * (so the cashier can still void) unless New sale releases it first (default 60); the advice request timeout
   * (default 30).
   */
  outbox: { retryInitialSeconds: number; retryMaxSeconds: number; confirmAfterSeconds?: number; adviceTimeoutSeconds?: number };
}

export const DEFAULT_CONFIRM_AFTER_SECONDS = 60;
export const DEFAULT_ADVICE_TIMEOUT_SECONDS = 30;

export function settingsView(settings: TillSettings): TillSettingsView {
  const { password, merchantType: _type, institution: _institution, outbox: _outbox, ...view } = settings;
  return { ...view, passwordSet: password.length > 0 };
}

/** Applies a validated SettingsInput; an absent or empty password keeps the current one. */
export function applySettingsInput(current: TillSettings, input: SettingsInput): TillSettings {
  const { password, ...rest } = input;
  return { ...current, ...rest, password: password ? password : current.password };
}

/** flows.md: the till waits for the hub's scan window, the partner's answer, and a margin for two round trips. */
export function defaultPayTimeoutSeconds(scanWindowSeconds: number, partnerSeconds: number): number {
  return scanWindowSeconds + partnerSeconds + 15;
}
