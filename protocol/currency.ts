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
