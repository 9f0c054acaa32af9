import { describe, expect, it } from 'vitest';
import { ErrorDetail, ErrorType, errorDetail, isErrorType, newErrorId } from '../../protocol/errors.js';
import { expectSchemaValid, schemaOf, validateAgainstSchema } from '../support/openapi.js';

describe('errorDetail() (docs/protocol.md §9)', () => {
  it('makes 20-character ids, unique per call', () => {
    const ids = new Set(Array.from({ length: 200 }, () => errorDetail('GENERAL_ERROR', 'x').id));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(newErrorId()).toHaveLength(20);
  });

  it('keeps a message of up to 40 characters and truncates a longer one to 40', () => {
    expect(errorDetail('FORMAT_ERROR', 'm'.repeat(40)).errorMessage).toBe('m'.repeat(40));
    const long = 'The originator terminalId must be exactly 8 characters long';
    expect(errorDetail('FORMAT_ERROR', long).errorMessage).toBe(long.slice(0, 40));
  });

  it('carries the extras that are set and omits undefined ones', () => {
    const detail = errorDetail('DECLINED_BY_PARTNER', 'Declined', {
      originalId: '3b241101-e2bb-4255-8caf-4136c566a962',
      tranId: 'f82d7f64feea4f2ab24da94aaf5c2941',
      providerErrorCode: '51',
      providerRef: undefined,
    });
    expect(detail).toEqual({
      id: detail.id,
      errorType: 'DECLINED_BY_PARTNER',
      errorMessage: 'Declined',
      originalId: '3b241101-e2bb-4255-8caf-4136c566a962',
      tranId: 'f82d7f64feea4f2ab24da94aaf5c2941',
      providerErrorCode: '51',
    });
    expect(Object.keys(detail)).not.toContain('providerRef');
  });

  it('produces ErrorDetails valid against docs/openapi.yaml and the zod schema, for every errorType', () => {
    for (const type of ErrorType.options) {
      const detail = errorDetail(type, `${type} happened while processing the request`, {
        detailMessage: { field: 'originator.terminalId' },
        providerErrorMsg: 'upstream said no',
      });
      expectSchemaValid('ErrorDetail', detail);
      expect(ErrorDetail.safeParse(detail).success, type).toBe(true);
    }
  });

  it('the document rejects what errorDetail() avoids: a 36-character id or a 41-character message', () => {
    const detail = errorDetail('GENERAL_ERROR', 'x');
    expect(validateAgainstSchema('ErrorDetail', { ...detail, id: crypto.randomUUID() }).valid).toBe(false);
    expect(validateAgainstSchema('ErrorDetail', { ...detail, errorMessage: 'm'.repeat(41) }).valid).toBe(false);
  });
});

describe('ErrorType', () => {
  it('is exactly the enum of 22 values in docs/openapi.yaml', () => {
    const documentedEnum = (schemaOf('ErrorDetail').properties as Record<string, { enum?: string[] }>).errorType?.enum;
    expect(ErrorType.options).toHaveLength(22);
    expect([...ErrorType.options].sort()).toEqual([...(documentedEnum ?? [])].sort());
  });

  it('isErrorType() recognises enum values only', () => {
    expect(isErrorType('INSUFFICIENT_FUNDS')).toBe(true);
    expect(isErrorType('insufficient_funds')).toBe(false);
    expect(isErrorType(42)).toBe(false);
  });
});
