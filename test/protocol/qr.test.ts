import { describe, expect, it } from 'vitest';
import { buildQrPayload, crc16, decodeTlv, encodeTlv, parseQrPayload, QrFormatError } from '../../protocol/qr.js';

// The worked examples of docs/protocol.md §10.
const TRAN_ID = 'f82d7f64feea4f2ab24da94aaf5c2941';
const EXAMPLE_1 = '00020126500010za.co.elec0132f82d7f64feea4f2ab24da94aaf5c2941';
const MASTERPASS_TEMPLATE = '27260008za.co.mp01105169175130';
const EXAMPLE_2 = EXAMPLE_1 + MASTERPASS_TEMPLATE;

describe('QR payload codec (docs/protocol.md §10)', () => {
  it('decodes example 1 into the declared objects and lengths', () => {
    expect(EXAMPLE_1).toHaveLength(60);
    expect(decodeTlv(EXAMPLE_1)).toEqual([
      { tag: '00', value: '01' },
      { tag: '26', value: `0010za.co.elec0132${TRAN_ID}` },
    ]);
  });

  it('parses example 1: provider id and tranId from the template', () => {
    const parsed = parseQrPayload(EXAMPLE_1, 'za.co.elec');
    expect(parsed.providerId).toBe('za.co.elec');
    expect(parsed.tranId).toBe(TRAN_ID);
  });

  it('parses example 2 for both providers, finding the Masterpass template in tag 27', () => {
    expect(EXAMPLE_2).toHaveLength(90);
    expect(parseQrPayload(EXAMPLE_2, 'za.co.elec').tranId).toBe(TRAN_ID);
    const masterpass = parseQrPayload(EXAMPLE_2, 'za.co.mp');
    expect(masterpass).toMatchObject({ providerId: 'za.co.mp', tranId: '5169175130' });
    expect(masterpass.objects.map((o) => o.tag)).toEqual(['00', '26', '27']);
  });

  it('never assumes tag 26: finds the Electrum template after another scheme in 26', () => {
    const payload = `000201${encodeTlv('26', '0008za.co.mp01105169175130')}${encodeTlv('27', `0010za.co.elec0132${TRAN_ID}`)}`;
    expect(parseQrPayload(payload, 'za.co.elec')).toMatchObject({ providerId: 'za.co.elec', tranId: TRAN_ID });
  });

  it('builds a template in any configured tag 26-51 that parses back', () => {
    const payload = buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID, templateTag: 51 });
    expect(payload.slice(6, 8)).toBe('51');
    expect(parseQrPayload(payload, 'za.co.elec').tranId).toBe(TRAN_ID);
    expect(() => buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID, templateTag: 52 })).toThrow(QrFormatError);
  });

  it('reports a missing provider template', () => {
    expect(() => parseQrPayload(EXAMPLE_1, 'za.co.other')).toThrow(QrFormatError);
    expect(() => parseQrPayload('000201')).toThrow(QrFormatError);
  });

  it('building example 1 reproduces it exactly', () => {
    expect(buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID })).toBe(EXAMPLE_1);
  });

  it('building example 2 (extra template, ascending tags) reproduces it exactly', () => {
    const extraTags = [{ tag: '27', value: '0008za.co.mp01105169175130' }];
    expect(buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID, extraTags })).toBe(EXAMPLE_2);
  });
});

describe('QR CRC tag 63', () => {
  it('is CRC-16/CCITT-FALSE (standard check value of "123456789" is 29B1)', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('appending tag 63 gives the reference values …6304CD24 and …6304E243', () => {
    const withCrc1 = buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID, withCrc: true });
    expect(withCrc1).toBe(`${EXAMPLE_1}6304CD24`);
    const extraTags = [{ tag: '27', value: '0008za.co.mp01105169175130' }];
    const withCrc2 = buildQrPayload({ providerId: 'za.co.elec', tranId: TRAN_ID, extraTags, withCrc: true });
    expect(withCrc2).toBe(`${EXAMPLE_2}6304E243`);
  });

  it('accepts payloads with a correct CRC and checks it', () => {
    expect(parseQrPayload(`${EXAMPLE_1}6304CD24`, 'za.co.elec').tranId).toBe(TRAN_ID);
    expect(parseQrPayload(`${EXAMPLE_2}6304E243`, 'za.co.mp').tranId).toBe('5169175130');
  });

  it('rejects a wrong CRC', () => {
    expect(() => parseQrPayload(`${EXAMPLE_1}6304CD25`, 'za.co.elec')).toThrow(/CRC/);
    expect(() => parseQrPayload(`${EXAMPLE_1}6304E243`, 'za.co.elec')).toThrow(/CRC/);
  });

  it('rejects a CRC that is not the last object', () => {
    expect(() => parseQrPayload(`000201${'6304CD24'}${EXAMPLE_1.slice(6)}`, 'za.co.elec')).toThrow(QrFormatError);
  });
});

describe('QR payload rejection', () => {
  it('rejects a length that runs past the end', () => {
    expect(() => parseQrPayload(EXAMPLE_1.slice(0, -1), 'za.co.elec')).toThrow(/past the end/);
    expect(() => decodeTlv('000201265')).toThrow(QrFormatError);
    // a sub-tag length past the end of its template
    expect(() => parseQrPayload(`000201${encodeTlv('26', '0099za.co.elec')}`, 'za.co.elec')).toThrow(/past the end/);
  });

  it('rejects a tag that is not two digits', () => {
    expect(() => parseQrPayload(`000201A650${EXAMPLE_1.slice(10)}`, 'za.co.elec')).toThrow(/not 2 digits/);
  });

  it('rejects a length that is not two digits, or zero', () => {
    expect(() => parseQrPayload(`00020126x0${EXAMPLE_1.slice(10)}`, 'za.co.elec')).toThrow(/length/);
    expect(() => decodeTlv('00 201')).toThrow(QrFormatError);
    expect(() => decodeTlv('000201260000')).toThrow(QrFormatError);
  });

  it('rejects a payload that does not start with 000201', () => {
    expect(() => parseQrPayload(`000202${EXAMPLE_1.slice(6)}`, 'za.co.elec')).toThrow(/000201/);
    expect(() => parseQrPayload(EXAMPLE_1.slice(6), 'za.co.elec')).toThrow(/000201/);
    expect(() => parseQrPayload(`${MASTERPASS_TEMPLATE}${EXAMPLE_1}`, 'za.co.elec')).toThrow(/000201/);
  });

  it('refuses to encode values outside 1-99 characters or non-digit tags', () => {
    expect(encodeTlv('26', 'x'.repeat(99))).toHaveLength(103);
    expect(() => encodeTlv('26', 'x'.repeat(100))).toThrow(QrFormatError);
    expect(() => encodeTlv('26', '')).toThrow(QrFormatError);
    expect(() => encodeTlv('2a', 'x')).toThrow(QrFormatError);
  });
});
