import { describe, expect, test } from 'vitest';
import { currencyExponent, decimalSeparator, formatMoney, minorToPlain, parseAmount } from '../../renderer/money';

function minor(text: string, exponent = 2): number | string {
  const parsed = parseAmount(text, exponent);
  return parsed.ok ? parsed.minor : `error: ${parsed.error}`;
}

describe('parseAmount', () => {
  test('reads a point or a comma as the decimal separator, whatever the locale', () => {
    expect(minor('123.45')).toBe(12345);
    expect(minor('123,45')).toBe(12345);
    expect(minor('0,5')).toBe(50);
    expect(minor('.5')).toBe(50);
    expect(minor('7')).toBe(700);
    expect(minor('7.')).toBe(700);
    expect(minor('007,10')).toBe(710);
  });

  test('takes the last of mixed separators as the decimal one and drops the grouping', () => {
    expect(minor('1,234.56')).toBe(123456);
    expect(minor('1.234,56')).toBe(123456);
    expect(minor('1.234.567,89')).toBe(123456789);
    expect(minor('12,34,567.50')).toBe(123456750);
  });

  test('ignores spaces, no-break spaces and apostrophes used to group digits', () => {
    expect(minor('1 234,50')).toBe(123450);
    expect(minor(' 1\u00a0234,50 ')).toBe(123450);
    expect(minor('1\u202f234.5')).toBe(123450);
    expect(minor("1'234.50")).toBe(123450);
  });

  test('asks again rather than guess when a lone separator before three digits could be grouping or decimals', () => {
    expect(minor('1,234')).toBe('error: Ambiguous amount: type 1234 or 1,23');
    expect(minor('12.500')).toBe('error: Ambiguous amount: type 12500 or 12.50');
    expect(minor('1.234.567')).toBe(123456700);
    expect(minor('1 234,50')).toBe(123450);
    expect(minor('1,234', 0)).toBe(1234);
    expect(minor('1,234', 3)).toBe(1234);
  });

  test('refuses grouping that does not look like digit groups', () => {
    expect(minor('1,23,4')).toMatch(/^error: .*digit groups/);
    expect(minor('12.34.5')).toMatch(/^error: .*digit groups/);
    expect(minor('12.3,4')).toMatch(/^error: .*digit groups/);
    expect(minor('1.23,45')).toMatch(/^error: .*digit groups/);
    expect(minor('1.234,50')).toBe(123450);
  });

  test('refuses more decimals than the currency has', () => {
    expect(minor('1.234', 0)).toBe(1234);
    expect(minor('1.5', 0)).toBe('error: This currency has no cents.');
    expect(minor('0.125')).toBe('error: Use at most 2 decimal places.');
    expect(minor('1.2345', 3)).toBe('error: Use at most 3 decimal places.');
  });

  test('refuses empty, zero, negative, non-numeric and too-large amounts', () => {
    expect(minor('')).toBe('error: Enter an amount.');
    expect(minor('   ')).toBe('error: Enter an amount.');
    expect(minor(',')).toBe('error: Enter an amount.');
    expect(minor('0')).toBe('error: Enter an amount greater than zero.');
    expect(minor('0,00')).toBe('error: Enter an amount greater than zero.');
    expect(minor('-5')).toBe('error: The amount cannot be negative.');
    expect(minor('12a')).toMatch(/^error: Use digits/);
    expect(minor('R12')).toMatch(/^error: Use digits/);
    expect(minor('1.2,3.4')).toMatch(/^error: .*too many separators/);
    expect(minor('999999999.99')).toBe(99999999999);
    expect(minor('1000000000')).toBe('error: The amount is too large.');
    expect(minor('99999999999999999999')).toBe('error: The amount is too large.');
  });
});

describe('formatting', () => {
  test('formats minor units for the currency and locale', () => {
    // ICU separates groups with a no-break space in en-ZA; compare with plain spaces.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(formatMoney(12345, 'ZAR', 'en-ZA'))).toBe('R 123,45');
    expect(plain(formatMoney(123456789, 'ZAR', 'en-ZA'))).toBe('R 1 234 567,89');
    expect(formatMoney(12345, 'USD', 'en-US')).toBe('$123.45');
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
    expect(plain(formatMoney(1234, 'KWD', 'en-US'))).toBe('KWD 1.234');
  });

  test('falls back to the code and a plain amount when the locale is unusable', () => {
    expect(formatMoney(12345, 'ZAR', 'not a locale!')).toBe('ZAR 123.45');
  });

  test('knows the decimals of a currency and the separator of a locale', () => {
    expect(currencyExponent('ZAR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('BHD')).toBe(3);
    expect(decimalSeparator('en-ZA')).toBe(',');
    expect(decimalSeparator('en-US')).toBe('.');
  });

  test('writes minor units back as a plain decimal', () => {
    expect(minorToPlain(12345, 2)).toBe('123.45');
    expect(minorToPlain(5, 2, ',')).toBe('0,05');
    expect(minorToPlain(1234, 0)).toBe('1234');
  });
});
