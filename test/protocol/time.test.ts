import { describe, expect, it } from 'vitest';
import { nowIso } from '../../protocol/time.js';
import { CreateQrCodeRequest } from '../../protocol/messages.js';
import { sampleCreateQrCodeRequest } from '../support/fixtures.js';
import { expectSchemaValid, validateAgainstSchema } from '../support/openapi.js';

describe('qrProperties.expiryDate (docs/protocol.md §11)', () => {
  it('is an RFC 3339 string for both the zod schema and docs/openapi.yaml', () => {
    for (const expiryDate of ['2030-05-01T10:15:30.123Z', '2030-05-01T10:15:30+02:00']) {
      const request = sampleCreateQrCodeRequest({ qrProperties: { expiryDate } });
      expect(CreateQrCodeRequest.safeParse(request).error, expiryDate).toBeUndefined();
      expectSchemaValid('CreateQrCodeRequest', request);
    }
  });

  it('is parsed unchanged: the string a client sent is the string the hub keeps and echoes', () => {
    const expiryDate = '2030-05-01T10:15:30+02:00';
    const parsed = CreateQrCodeRequest.parse(sampleCreateQrCodeRequest({ qrProperties: { expiryDate } }));
    expect(parsed.qrProperties.expiryDate).toBe(expiryDate);
  });

  it("refuses the swagger's OffsetDateTime object form and strings that are not date-times", () => {
    const object = { year: 2030, monthValue: 1, dayOfMonth: 1, offset: { totalSeconds: 0 } };
    for (const expiryDate of [object, '2030-05-01', '1714551330123', 1_714_551_330_123] as unknown[]) {
      const request = sampleCreateQrCodeRequest({ qrProperties: { expiryDate } as never });
      expect(CreateQrCodeRequest.safeParse(request).success, JSON.stringify(expiryDate)).toBe(false);
      expect(validateAgainstSchema('CreateQrCodeRequest', request).valid, JSON.stringify(expiryDate)).toBe(false);
    }
  });
});

describe('nowIso', () => {
  it('gives an RFC 3339 UTC string with milliseconds', () => {
    expect(nowIso(1_714_551_330_123)).toBe('2024-05-01T08:15:30.123Z');
  });
});
