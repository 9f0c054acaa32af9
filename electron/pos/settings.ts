import { z } from 'zod';
import type { SettingsInput, TillSettingsView } from '../preload/bridge-types.js';
import { currencyNumericCode } from '../../protocol/currency.js';
import {
  isHttpUrl, isLocale, isSafeHubUrl, PAY_TIMEOUT_MARGIN_SECONDS, SETTINGS_LIMITS as LIMITS,
} from '../preload/settings-limits.js';

// Till settings: what the Settings screen may change, validated as the Electrum schema requires
// (terminalId exactly 8 characters, merchantId exactly 15, merchant name ≤ 23, city ≤ 13).

export const SettingsInputSchema = z.strictObject({
  hubMode: z.enum(['local', 'remote']),
  hubUrl: z.string().trim()
    .refine(isHttpUrl, 'must be an http or https URL without credentials')
    .refine(isSafeHubUrl, 'must use https unless the hub runs on this machine'),
  clientId: z.string().trim().min(1, 'is required').max(LIMITS.clientIdMax),
  password: z.string().max(LIMITS.passwordMax).optional(),
  terminalId: z.string().length(LIMITS.terminalIdLength, `must be exactly ${LIMITS.terminalIdLength} characters`),
  merchantId: z.string().length(LIMITS.merchantIdLength, `must be exactly ${LIMITS.merchantIdLength} characters`),
  merchantName: z.string().trim().min(1, 'is required').max(LIMITS.merchantNameMax, `must be at most ${LIMITS.merchantNameMax} characters`),
  merchantCity: z.string().trim().max(LIMITS.merchantCityMax, `must be at most ${LIMITS.merchantCityMax} characters`),
  currency: z.string().refine((code) => currencyNumericCode(code) !== undefined, 'must be a supported ISO 4217 code'),
  locale: z.string().refine(isLocale, 'must be a locale such as en-ZA'),
  payTimeoutSeconds: z.number().min(LIMITS.payTimeoutSeconds.min).max(LIMITS.payTimeoutSeconds.max),
  scanWindowSeconds: z.number().min(LIMITS.scanWindowSeconds.min).max(LIMITS.scanWindowSeconds.max),
  customerDisplay: z.boolean(),
}).refine((input) => input.payTimeoutSeconds >= input.scanWindowSeconds + PAY_TIMEOUT_MARGIN_SECONDS, {
  message: `must be at least the scan window + ${PAY_TIMEOUT_MARGIN_SECONDS} s (default: scan window + partner timeout + 15 s)`,
  path: ['payTimeoutSeconds'],
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

/** The fields the Settings screen sends, taken from whole settings; the password only when `password` is given. */
export function settingsInputOf(settings: TillSettings, password?: string): SettingsInput {
  const { password: _current, demoMode: _demo, merchantType: _type, institution: _institution, outbox: _outbox, ...fields } = settings;
  return password === undefined ? fields : { ...fields, password };
}

/** Applies a validated SettingsInput; an absent or empty password keeps the current one. */
export function applySettingsInput(current: TillSettings, input: SettingsInput): TillSettings {
  const { password, ...rest } = input;
  return { ...current, ...rest, password: password ? password : current.password };
}

const sameUrl = (a: string, b: string) => a.trim().replace(/\/+$/, '') === b.trim().replace(/\/+$/, '');

/** Another hub or another client at it: the stored password belongs to the old one. */
export function hubIdentityChanged(current: TillSettings, input: Pick<SettingsInput, 'hubUrl' | 'clientId'>): boolean {
  return !sameUrl(current.hubUrl, input.hubUrl) || current.clientId !== input.clientId.trim();
}

/** Where the till's advices go: changing it while some are still to be sent would deliver them to another hub. */
export function hubTargetChanged(current: TillSettings, input: Pick<SettingsInput, 'hubMode' | 'hubUrl' | 'clientId'>): boolean {
  return current.hubMode !== input.hubMode || hubIdentityChanged(current, input);
}

/** Field errors of an input that is valid on its own but not as a change of `current`. */
export function settingsChangeProblems(current: TillSettings, input: SettingsInput): Record<string, string> | undefined {
  // Keeping the password for a new hub would hand the till's credentials to whoever runs it.
  if (!input.password && hubIdentityChanged(current, input)) return { password: 'Enter the password for the new hub or client' };
  return undefined;
}

/** docs/protocol.md: the till waits for the hub's scan window, the partner's answer, and a margin for two round trips. */
export function defaultPayTimeoutSeconds(scanWindowSeconds: number, partnerSeconds: number): number {
  return scanWindowSeconds + partnerSeconds + 15;
}
