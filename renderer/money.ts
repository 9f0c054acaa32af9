import { currencyNumericCode, minorUnitExponent } from '../protocol/currency';

// Amounts as the cashier types them, and as the till shows them. Pure functions: no React, no DOM.

/** The engine's upper bound for an amount in minor units (electron/pos/verbs.ts). */
export const MAX_AMOUNT_MINOR = 99_999_999_999;

export type AmountParse = { ok: true; minor: number } | { ok: false; error: string };

/** Decimal places of an ISO 4217 alphabetic code (ZAR → 2, JPY → 0, KWD → 3). */
export function currencyExponent(currency: string): number {
  return minorUnitExponent(currencyNumericCode(currency) ?? '');
}

// Spaces of every kind (ICU groups with U+00A0 and U+202F) and apostrophes (de-CH groups with ’) only group digits.
const GROUPING = /[\s\u00a0\u202f'’]/g;

/** Digit groups such as ["1", "234", "567"] or en-IN ["12", "34", "567"]. */
function looksGrouped(groups: string[]): boolean {
  const [first = '', ...rest] = groups;
  return /^[1-9]\d{0,2}$/.test(first) && rest.at(-1)?.length === 3
    && rest.slice(0, -1).every((group) => group.length === 2 || group.length === 3);
}

function invalid(error: string): AmountParse {
  return { ok: false, error };
}

/**
 * Reads an amount typed in any common style: `123.45`, `123,45`, `1 234,50`, `1,234.50`, `1.234,50`.
 * When both `.` and `,` appear the last one is the decimal separator; a lone separator is decimal unless it is
 * followed by exactly three digits in a currency with fewer than three decimals (then it groups thousands).
 */
export function parseAmount(text: string, exponent: number): AmountParse {
  const compact = text.replace(GROUPING, '');
  if (compact === '') return invalid('Enter an amount.');
  if (compact.startsWith('-')) return invalid('The amount cannot be negative.');
  if (!/^[0-9.,]+$/.test(compact)) return invalid('Use digits and one decimal separator only.');

  const lastSeparatorAt = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  let whole = compact;
  let fraction = '';
  if (lastSeparatorAt >= 0) {
    const separator = compact[lastSeparatorAt]!;
    const other = separator === '.' ? ',' : '.';
    const before = compact.slice(0, lastSeparatorAt);
    const after = compact.slice(lastSeparatorAt + 1);
    const sameBefore = before.includes(separator);
    const otherBefore = before.includes(other);
    if (otherBefore && sameBefore) return invalid('Check the amount: it has too many separators.');
    if (otherBefore) {
      // "1.234,50" / "1,234.50": the earlier kind groups digits, in real groups ("12.3,4" is a typo, not 123,40).
      if (!looksGrouped(before.split(other))) return invalid('Check the amount: the digit groups look wrong.');
      whole = before.split(other).join('');
      fraction = after;
    } else if (!sameBefore && after.length === 3 && exponent > 0 && exponent < 3 && looksGrouped([before, after])) {
      // "12,500" or "1.000": a thousands group in one locale, a mistyped decimal in another. Guessing could charge
      // a thousand times too much, so the cashier is asked to type it unambiguously.
      return invalid(`Ambiguous amount: type ${before}${after} or ${before}${separator}${after.slice(0, exponent)}`);
    } else if (sameBefore || (after.length === 3 && exponent === 0 && looksGrouped([before, after]))) {
      // "1,234,567" or en-IN "12,34,567": grouping only.
      if (!looksGrouped(compact.split(separator))) return invalid('Check the amount: the digit groups look wrong.');
      whole = compact.split(separator).join('');
    } else {
      whole = before;
      fraction = after;
    }
  }

  if (whole === '' && fraction === '') return invalid('Enter an amount.');
  if (fraction.length > exponent) {
    return invalid(exponent === 0 ? 'This currency has no cents.' : `Use at most ${exponent} decimal places.`);
  }
  const digits = `${whole}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > String(MAX_AMOUNT_MINOR).length) return invalid('The amount is too large.');
  const minor = Number(digits);
  if (minor === 0) return invalid('Enter an amount greater than zero.');
  if (minor > MAX_AMOUNT_MINOR) return invalid('The amount is too large.');
  return { ok: true, minor };
}

/** Minor units as a plain decimal for an input field, e.g. 12345 → "123,45" with separator ",". */
export function minorToPlain(minor: number, exponent: number, decimalSeparator = '.'): string {
  const digits = Math.abs(minor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : `${digits.slice(0, -exponent)}${decimalSeparator}${digits.slice(-exponent)}`;
  return minor < 0 ? `-${whole}` : whole;
}

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat | undefined {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      const exponent = currencyExponent(currency);
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
    } catch {
      return undefined;
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** An amount for people to read, e.g. 12345 ZAR en-ZA → "R 123,45". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  const formatter = currencyFormatter(currency, locale);
  if (!formatter) return `${currency} ${minorToPlain(minor, exponent)}`;
  return formatter.format(minor / 10 ** exponent);
}

/** The locale's decimal separator, for the keypad's decimal key. */
export function decimalSeparator(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}
