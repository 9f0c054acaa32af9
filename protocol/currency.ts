// Minor-unit exponents of ISO 4217 numeric codes that differ from the usual 2.
const EXPONENT_0 = new Set(['108', '152', '174', '262', '324', '352', '392', '410', '548', '600', '646', '704', '800',
  '940', '950', '952', '953']);
const EXPONENT_3 = new Set(['048', '368', '400', '414', '434', '512', '788']);
const EXPONENT_4 = new Set(['927', '990']);

export function minorUnitExponent(currency: string): number {
  if (EXPONENT_0.has(currency)) return 0;
  if (EXPONENT_3.has(currency)) return 3;
  if (EXPONENT_4.has(currency)) return 4;
  return 2;
}

/** Minor units as a plain decimal string, e.g. 12345 ZAR → "123.45" (the EMVCo tag 54 format). */
export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const negative = amount < 0;
  const digits = Math.abs(amount).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${whole}` : whole;
}

// ISO 4217 alphabetic → numeric codes for the currencies a till may be set to (the wire carries the numeric code).
const NUMERIC_BY_ALPHA: Record<string, string> = {
  ZAR: '710', BWP: '072', NAD: '516', LSL: '426', SZL: '748', MZN: '943', ZMW: '967', MWK: '454', KES: '404',
  TZS: '834', UGX: '800', RWF: '646', NGN: '566', GHS: '936', EGP: '818', MAD: '504', MUR: '480', XOF: '952',
  USD: '840', EUR: '978', GBP: '826', CHF: '756', AUD: '036', NZD: '554', CAD: '124', JPY: '392', CNY: '156',
  INR: '356', AED: '784', SAR: '682', SGD: '702', HKD: '344', BRL: '986', MXN: '484', SEK: '752', NOK: '578',
  DKK: '208', PLN: '985', KWD: '414', BHD: '048',
};

/** The numeric code of an alphabetic ISO 4217 code this product supports, e.g. ZAR → "710". */
export function currencyNumericCode(alpha: string): string | undefined {
  return Object.hasOwn(NUMERIC_BY_ALPHA, alpha) ? NUMERIC_BY_ALPHA[alpha] : undefined;
}

/** The alphabetic code of a numeric one, e.g. "710" → ZAR. */
export function currencyAlphaCode(numeric: string): string | undefined {
  return Object.entries(NUMERIC_BY_ALPHA).find(([, code]) => code === numeric)?.[0];
}
