import { describe, expect, it } from 'vitest';
import { formatMinorUnits, minorUnitExponent } from '../../protocol/currency.js';

describe('formatMinorUnits (EMVCo tag 54 format)', () => {
  it('formats 2-decimal currencies such as ZAR 710', () => {
    expect(formatMinorUnits(12345, '710')).toBe('123.45');
    expect(formatMinorUnits(79995, '710')).toBe('799.95');
    expect(formatMinorUnits(5, '710')).toBe('0.05');
    expect(formatMinorUnits(100, '840')).toBe('1.00');
    expect(formatMinorUnits(0, '710')).toBe('0.00');
  });

  it('formats 0-decimal currencies such as JPY 392 without a point', () => {
    expect(minorUnitExponent('392')).toBe(0);
    expect(formatMinorUnits(12345, '392')).toBe('12345');
    expect(formatMinorUnits(0, '392')).toBe('0');
  });

  it('formats 3-decimal currencies such as BHD 048 and KWD 414', () => {
    expect(minorUnitExponent('048')).toBe(3);
    expect(formatMinorUnits(12345, '048')).toBe('12.345');
    expect(formatMinorUnits(7, '414')).toBe('0.007');
  });

  it('knows the other 0- and 4-decimal codes: XAF 950, UYI 940, CLF 990, UYW 927', () => {
    expect(formatMinorUnits(12345, '950')).toBe('12345');
    expect(formatMinorUnits(12345, '940')).toBe('12345');
    expect(formatMinorUnits(12345, '990')).toBe('1.2345');
    expect(formatMinorUnits(5, '927')).toBe('0.0005');
  });

  it('keeps the sign of a negative amount', () => {
    expect(formatMinorUnits(-12345, '710')).toBe('-123.45');
    expect(formatMinorUnits(-5, '710')).toBe('-0.05');
  });
});
