import { describe, expect, it } from 'vitest';
import { epochMsToOffsetDateTime, expiryToEpochMs, nowIso } from '../../protocol/time.js';
import { CreateQrCodeRequest } from '../../protocol/messages.js';
import { sampleCreateQrCodeRequest } from '../support/fixtures.js';
import { expectSwaggerValid } from '../support/swagger.js';

const INSTANTS = [
  0,
  Date.parse('2024-02-29T23:59:59.999Z'),
  Date.parse('2024-12-31T12:00:00.001Z'),
  Date.parse('2025-01-01T00:00:00.000Z'),
  Date.parse('1969-07-20T20:17:40.000Z'),
  1_714_551_330_123,
];

describe('OffsetDateTime conversion (flows.md §12.17)', () => {
  it('round-trips epoch milliseconds exactly', () => {
    for (const t of INSTANTS) expect(expiryToEpochMs(epochMsToOffsetDateTime(t)), new Date(t).toISOString()).toBe(t);
  });

  it('fills the Java OffsetDateTime fields in UTC', () => {
    expect(epochMsToOffsetDateTime(Date.parse('2024-02-29T23:59:59.999Z'))).toEqual({
      offset: { totalSeconds: 0, id: 'Z' },
      year: 2024, monthValue: 2, month: 'FEBRUARY', dayOfMonth: 29, dayOfWeek: 'THURSDAY', dayOfYear: 60,
      hour: 23, minute: 59, second: 59, nano: 999_000_000,
    });
    expect(epochMsToOffsetDateTime(Date.parse('2024-12-31T00:00:00Z'))).toMatchObject({ dayOfYear: 366, dayOfWeek: 'TUESDAY' });
  });

  it('produces objects valid against the swagger OffsetDateTime', () => {
    for (const t of INSTANTS) expectSwaggerValid('OffsetDateTime', epochMsToOffsetDateTime(t));
  });

  it('is accepted as qrProperties.expiryDate by both the zod schema and the swagger', () => {
    const request = sampleCreateQrCodeRequest();
    request.qrProperties = { ...request.qrProperties, expiryDate: epochMsToOffsetDateTime(Date.now() + 300_000) };
    expect(CreateQrCodeRequest.safeParse(request).error).toBeUndefined();
    expectSwaggerValid('CreateQrCodeRequest', request);
  });

  it('applies a non-zero offset when converting an object to epoch milliseconds', () => {
    const twoAmInJohannesburg = { year: 2024, monthValue: 1, dayOfMonth: 1, hour: 2, offset: { totalSeconds: 7200 } };
    expect(expiryToEpochMs(twoAmInJohannesburg)).toBe(Date.parse('2024-01-01T00:00:00Z'));
  });

  it('reads an RFC 3339 string too, and gives undefined for an object without a date', () => {
    expect(expiryToEpochMs('2024-05-01T10:15:30.123+02:00')).toBe(Date.parse('2024-05-01T08:15:30.123Z'));
    expect(expiryToEpochMs({ hour: 10 })).toBeUndefined();
  });

  it('nowIso gives an RFC 3339 UTC string with milliseconds', () => {
    expect(nowIso(1_714_551_330_123)).toBe('2024-05-01T08:15:30.123Z');
  });
});
