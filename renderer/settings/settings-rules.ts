import type { HubMode, SettingsInput, TillSettingsView } from '../../electron/preload/bridge-types';
import { currencyNumericCode } from '../../protocol/currency';
import {
  isHttpUrl, isLocale, isSafeHubUrl, PAY_TIMEOUT_MARGIN_SECONDS, SETTINGS_LIMITS as LIMITS,
} from '../../electron/preload/settings-limits';

// The Settings form: the rules the engine applies (electron/preload/settings-limits.ts), checked here first so the
// cashier sees every problem next to its field before anything is sent.

export interface SettingsForm {
  hubMode: HubMode;
  hubUrl: string;
  clientId: string;
  /** Empty keeps the current password. */
  password: string;
  terminalId: string;
  merchantId: string;
  merchantName: string;
  merchantCity: string;
  currency: string;
  locale: string;
  payTimeoutSeconds: string;
  scanWindowSeconds: string;
  customerDisplay: boolean;
}

export type SettingsField = keyof SettingsForm;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export function formFromSettings(settings: TillSettingsView): SettingsForm {
  return {
    hubMode: settings.hubMode,
    hubUrl: settings.hubUrl,
    clientId: settings.clientId,
    password: '',
    terminalId: settings.terminalId,
    merchantId: settings.merchantId,
    merchantName: settings.merchantName,
    merchantCity: settings.merchantCity,
    currency: settings.currency,
    locale: settings.locale,
    payTimeoutSeconds: String(settings.payTimeoutSeconds),
    scanWindowSeconds: String(settings.scanWindowSeconds),
    customerDisplay: settings.customerDisplay,
  };
}

function secondsError(text: string, min: number, max: number): string | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a number of seconds.';
  if (value < min || value > max) return `Must be between ${min} and ${max} seconds.`;
  return undefined;
}

function exactLength(value: string, length: number): string | undefined {
  return value.length === length ? undefined : `Must be exactly ${length} characters (now ${value.length}).`;
}

function maxLength(value: string, max: number): string | undefined {
  return value.length <= max ? undefined : `Must be at most ${max} characters (now ${value.length}).`;
}

export function validateSettings(form: SettingsForm): FieldErrors {
  const errors: FieldErrors = {};
  const set = (field: SettingsField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  const hubUrl = form.hubUrl.trim();
  set('hubUrl', !isHttpUrl(hubUrl) ? 'Must be an http or https URL without a user name or password.'
    : isSafeHubUrl(hubUrl) ? undefined : 'Must use https unless the hub runs on this machine.');
  const clientId = form.clientId.trim();
  set('clientId', clientId === '' ? 'Required.' : maxLength(clientId, LIMITS.clientIdMax));
  set('password', maxLength(form.password, LIMITS.passwordMax));
  set('terminalId', exactLength(form.terminalId, LIMITS.terminalIdLength));
  set('merchantId', exactLength(form.merchantId, LIMITS.merchantIdLength));
  const merchantName = form.merchantName.trim();
  set('merchantName', merchantName === '' ? 'Required.' : maxLength(merchantName, LIMITS.merchantNameMax));
  set('merchantCity', maxLength(form.merchantCity.trim(), LIMITS.merchantCityMax));
  set('currency', currencyNumericCode(form.currency) ? undefined : 'Must be a supported ISO 4217 code such as ZAR.');
  set('locale', isLocale(form.locale) ? undefined : 'Must be a locale such as en-ZA.');
  const { payTimeoutSeconds: payLimits, scanWindowSeconds: scanLimits } = LIMITS;
  set('payTimeoutSeconds', secondsError(form.payTimeoutSeconds, payLimits.min, payLimits.max));
  set('scanWindowSeconds', secondsError(form.scanWindowSeconds, scanLimits.min, scanLimits.max));
  if (!errors.payTimeoutSeconds && !errors.scanWindowSeconds
    && Number(form.payTimeoutSeconds) < Number(form.scanWindowSeconds) + PAY_TIMEOUT_MARGIN_SECONDS) {
    set('payTimeoutSeconds', `Must be at least the scan window + ${PAY_TIMEOUT_MARGIN_SECONDS} seconds.`);
  }
  return errors;
}

export function settingsInput(form: SettingsForm): SettingsInput {
  const input: SettingsInput = {
    hubMode: form.hubMode,
    hubUrl: form.hubUrl.trim(),
    clientId: form.clientId.trim(),
    terminalId: form.terminalId,
    merchantId: form.merchantId,
    merchantName: form.merchantName.trim(),
    merchantCity: form.merchantCity.trim(),
    currency: form.currency,
    locale: form.locale,
    payTimeoutSeconds: Number(form.payTimeoutSeconds.trim()),
    scanWindowSeconds: Number(form.scanWindowSeconds.trim()),
    customerDisplay: form.customerDisplay,
  };
  if (form.password !== '') input.password = form.password;
  return input;
}

const FIELDS: readonly SettingsField[] = [
  'hubMode', 'hubUrl', 'clientId', 'password', 'terminalId', 'merchantId', 'merchantName', 'merchantCity', 'currency',
  'locale', 'payTimeoutSeconds', 'scanWindowSeconds', 'customerDisplay',
];

function sentence(message: string): string {
  const text = message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Splits the bridge's INVALID_INPUT `fields` into per-field messages and the rest (shown above the form). */
export function bridgeFieldErrors(fields: Record<string, string> | undefined): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const field = path.split('.')[0] as SettingsField;
    if (FIELDS.includes(field)) errors[field] ??= sentence(message);
    else other.push(sentence(message));
  }
  return { errors, other };
}
