import { describe, expect, it } from 'vitest';
import {
  CreateQrCodeRequest, PaymentConfirmation, PaymentRequest, PaymentReversal, ScanNotification,
} from '../../protocol/messages.js';
import { expectSchemaValid, schemaOf, validateAgainstSchema } from '../support/openapi.js';
import {
  MESSAGE_NAMES, REQUIRED, SCHEMAS, TIME, V1_ID, V3_ID, V4_ID, minimalMessage,
} from './minimal-messages.js';

type Body = Record<string, any>;

function payment(mutate: (body: Body) => void): Body {
  const body = minimalMessage('PaymentRequest') as Body;
  body.amounts = { requestAmount: { amount: 100, currency: '710' } };
  mutate(body);
  return body;
}

const accepts = (body: unknown) => PaymentRequest.safeParse(body).success;

describe('the smallest valid message of each type', () => {
  for (const name of MESSAGE_NAMES) {
    it(`${name} is accepted by zod and by docs/openapi.yaml`, () => {
      const body = minimalMessage(name);
      expect(SCHEMAS[name].safeParse(body).error).toBeUndefined();
      expectSchemaValid(name, body);
    });

    it(`${name}: the §11 required fields are those of docs/openapi.yaml, and zod rejects each one missing`, () => {
      expect([...REQUIRED[name]].sort()).toEqual([...(schemaOf(name).required as string[])].sort());
      for (const field of REQUIRED[name]) {
        const { [field]: _dropped, ...rest } = minimalMessage(name);
        expect(SCHEMAS[name].safeParse(rest).success, `${name} without ${field}`).toBe(false);
      }
    });
  }
});

describe('nested required fields', () => {
  const cases: Array<[string, (b: Body) => void]> = [
    ['originator.institution', (b) => delete b.originator.institution],
    ['originator.terminalId', (b) => delete b.originator.terminalId],
    ['originator.merchant', (b) => delete b.originator.merchant],
    ['merchant.merchantId', (b) => delete b.originator.merchant.merchantId],
    ['merchant.merchantType', (b) => delete b.originator.merchant.merchantType],
    ['merchant.merchantName', (b) => delete b.originator.merchant.merchantName],
    ['merchantName.city', (b) => delete b.originator.merchant.merchantName.city],
    ['client.id', (b) => delete b.client.id],
    ['client.name', (b) => delete b.client.name],
    ['requestAmount.amount', (b) => delete b.amounts.requestAmount.amount],
    ['requestAmount.currency', (b) => delete b.amounts.requestAmount.currency],
    ['thirdPartyIdentifiers[0].transactionIdentifier', (b) => (b.thirdPartyIdentifiers = [{ institutionId: 'x' }])],
  ];
  for (const [field, mutate] of cases) {
    it(`rejects a PaymentRequest without ${field}, as docs/openapi.yaml does`, () => {
      const body = payment(mutate);
      expect(accepts(body)).toBe(false);
      expect(validateAgainstSchema('PaymentRequest', body).valid).toBe(false);
    });
  }
});

describe('lengths and patterns (full matches, docs/protocol.md §11)', () => {
  it('terminalId must be exactly 8 characters', () => {
    expect(accepts(payment((b) => (b.originator.terminalId = 'TILL0001')))).toBe(true);
    expect(accepts(payment((b) => (b.originator.terminalId = 'TILL001')))).toBe(false);
    expect(accepts(payment((b) => (b.originator.terminalId = 'TILL00001')))).toBe(false);
  });

  it('merchantId must be exactly 15 characters', () => {
    expect(accepts(payment((b) => (b.originator.merchant.merchantId = '12345678901234')))).toBe(false);
    expect(accepts(payment((b) => (b.originator.merchant.merchantId = '1234567890123456')))).toBe(false);
  });

  it('currency must be exactly 3 digits', () => {
    for (const currency of ['71', '7100', 'ZAR', ' 710']) {
      expect(accepts(payment((b) => (b.amounts.requestAmount.currency = currency))), currency).toBe(false);
    }
  });

  it('merchantType must be exactly 4 digits: 12345 is refused by zod and by the anchored pattern of the document', () => {
    const body = payment((b) => (b.originator.merchant.merchantType = '12345'));
    expect(accepts(body)).toBe(false);
    expect(validateAgainstSchema('PaymentRequest', body).valid).toBe(false);
    for (const type of ['541', '54a1']) {
      expect(accepts(payment((b) => (b.originator.merchant.merchantType = type))), type).toBe(false);
    }
  });

  it('Institution.name may be 40 characters but not 41', () => {
    expect(accepts(payment((b) => (b.client.name = 'n'.repeat(40))))).toBe(true);
    expect(accepts(payment((b) => (b.client.name = 'n'.repeat(41))))).toBe(false);
    const scan = { ...minimalMessage('ScanNotification'), partner: { id: 'p', name: 'n'.repeat(41) } };
    expect(ScanNotification.safeParse(scan).success).toBe(false);
  });

  it('amounts are integers in minor units', () => {
    expect(accepts(payment((b) => (b.amounts.requestAmount.amount = 12.5)))).toBe(false);
    expect(accepts(payment((b) => (b.amounts.requestAmount.amount = '100')))).toBe(false);
  });

  it('reversalReason must be one of the three enum values', () => {
    const reversal = minimalMessage('PaymentReversal');
    for (const reason of ['TIMEOUT', 'CANCELLED', 'RESPONSE_NOT_FINAL']) {
      expect(PaymentReversal.safeParse({ ...reversal, reversalReason: reason }).success, reason).toBe(true);
    }
    expect(PaymentReversal.safeParse({ ...reversal, reversalReason: 'VOID' }).success).toBe(false);
  });
});

describe('identifiers', () => {
  it('PaymentRequest.id must be a version 4 UUID', () => {
    expect(accepts(payment((b) => (b.id = V4_ID)))).toBe(true);
    expect(accepts(payment((b) => (b.id = V4_ID.toUpperCase())))).toBe(true);
    for (const id of [V3_ID, V1_ID, 'not-a-uuid', V4_ID.replace(/-/g, '')]) {
      expect(accepts(payment((b) => (b.id = id))), id).toBe(false);
    }
  });

  it('CreateQrCodeRequest and ScanNotification accept version 3 or 4, not 1', () => {
    for (const [schema, name] of [[CreateQrCodeRequest, 'CreateQrCodeRequest'], [ScanNotification, 'ScanNotification']] as const) {
      expect(schema.safeParse({ ...minimalMessage(name), id: V3_ID }).success, name).toBe(true);
      expect(schema.safeParse({ ...minimalMessage(name), id: V1_ID }).success, name).toBe(false);
    }
  });

  it('advice id and requestId must be version 4 UUIDs', () => {
    const advice = minimalMessage('PaymentConfirmation');
    expect(PaymentConfirmation.safeParse({ ...advice, id: V3_ID }).success).toBe(false);
    expect(PaymentConfirmation.safeParse({ ...advice, requestId: V1_ID }).success).toBe(false);
  });
});

describe('time', () => {
  it('accepts RFC 3339 date-times with Z or an offset, with or without fractions', () => {
    for (const time of [TIME, '2024-05-01T08:15:30Z', '2024-05-01T08:15:30.5-05:30']) {
      expect(accepts(payment((b) => (b.time = time))), time).toBe(true);
    }
  });

  it('rejects a bad date-time', () => {
    for (const time of ['2024-05-01', '2024-05-01T10:15:30', '2024-13-01T10:15:30Z', '2024-05-01T25:00:00Z',
      'yesterday', '1714551330123']) {
      expect(accepts(payment((b) => (b.time = time))), time).toBe(false);
    }
  });

  it('rejects impossible calendar dates that Date.parse would roll over, as docs/openapi.yaml does', () => {
    const verdicts = (time: string) => [accepts(payment((b) => (b.time = time))),
      validateAgainstSchema('PaymentRequest', payment((b) => (b.time = time))).valid];
    for (const time of ['2023-02-29T10:00:00Z', '2024-04-31T10:00:00Z', '2024-05-01T24:00:00Z', '2024-00-10T10:00:00Z']) {
      expect(verdicts(time), time).toEqual([false, false]);
    }
    for (const time of ['2024-02-29T10:00:00Z', '2000-02-29T23:59:59.999+14:00', '2024-12-31T00:00:00-12:00']) {
      expect(verdicts(time), time).toEqual([true, true]);
    }
  });
});

describe('tolerance (docs/protocol.md §1)', () => {
  it('drops unknown properties, top-level and nested', () => {
    const body = payment((b) => {
      b.futureField = 'x';
      b.originator.channelId = 'POS';
      b.amounts.requestAmount.extra = 1;
    });
    const parsed = PaymentRequest.parse(body) as Body;
    expect(parsed).not.toHaveProperty('futureField');
    expect(parsed.originator).not.toHaveProperty('channelId');
    expect(parsed.amounts.requestAmount).toEqual({ amount: 100, currency: '710' });
    expect(parsed.tranId).toBe(body.tranId);
  });
});
