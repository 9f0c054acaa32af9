// The QR payload codec of docs/protocol.md §10: EMVCo-style Tag-Length-Value objects, the provider template in tags 26-51.

export interface TlvObject {
  tag: string;
  value: string;
}

export class QrFormatError extends Error {}

const TWO_DIGITS = /^\d{2}$/;
const FIRST_TEMPLATE = 26;
const LAST_TEMPLATE = 51;

export function encodeTlv(tag: string, value: string): string {
  if (!TWO_DIGITS.test(tag)) throw new QrFormatError(`tag ${tag} is not 2 digits`);
  if (value.length < 1 || value.length > 99) throw new QrFormatError(`tag ${tag}: value length ${value.length} is not 1-99`);
  return `${tag}${value.length.toString().padStart(2, '0')}${value}`;
}

export function decodeTlv(payload: string): TlvObject[] {
  const objects: TlvObject[] = [];
  let at = 0;
  while (at < payload.length) {
    const tag = payload.slice(at, at + 2);
    const length = payload.slice(at + 2, at + 4);
    if (!TWO_DIGITS.test(tag)) throw new QrFormatError(`tag at ${at} is not 2 digits`);
    if (!TWO_DIGITS.test(length) || length === '00') throw new QrFormatError(`length of tag ${tag} is not 01-99`);
    const end = at + 4 + Number(length);
    if (end > payload.length) throw new QrFormatError(`tag ${tag} runs past the end`);
    objects.push({ tag, value: payload.slice(at + 4, end) });
    at = end;
  }
  return objects;
}

/** CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), four uppercase hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= (text.charCodeAt(i) & 0xff) << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export interface QrBuildInput {
  providerId: string;
  tranId: string;
  /** Template tag, 26 by default. */
  templateTag?: number;
  /** Extra top-level objects (EMVCo tags 52-60), emitted in ascending tag order after the template. */
  extraTags?: TlvObject[];
  withCrc?: boolean;
}

export function buildQrPayload(input: QrBuildInput): string {
  const templateTag = input.templateTag ?? FIRST_TEMPLATE;
  if (templateTag < FIRST_TEMPLATE || templateTag > LAST_TEMPLATE) throw new QrFormatError('template tag must be 26-51');
  const template = encodeTlv('00', input.providerId) + encodeTlv('01', input.tranId);
  const extras = [...(input.extraTags ?? [])].sort((a, b) => a.tag.localeCompare(b.tag));
  let payload = encodeTlv('00', '01') + encodeTlv(String(templateTag), template);
  for (const { tag, value } of extras) payload += encodeTlv(tag, value);
  if (input.withCrc) {
    payload += '6304';
    payload += crc16(payload);
  }
  return payload;
}

export interface ParsedQr {
  providerId: string;
  tranId: string;
  objects: TlvObject[];
}

/** Finds the template whose sub-tag 00 is `providerId` (never assuming tag 26); checks a CRC tag 63 when present. */
export function parseQrPayload(payload: string, providerId?: string): ParsedQr {
  const objects = decodeTlv(payload);
  if (objects[0]?.tag !== '00' || objects[0].value !== '01') throw new QrFormatError('payload must start with 000201');
  const crcIndex = objects.findIndex((o) => o.tag === '63');
  if (crcIndex !== -1) {
    if (crcIndex !== objects.length - 1) throw new QrFormatError('CRC tag 63 must be the last object');
    const crc = objects[crcIndex]!.value;
    const expected = crc16(payload.slice(0, payload.length - crc.length));
    if (crc.toUpperCase() !== expected) throw new QrFormatError('CRC does not match');
  }
  for (const object of objects) {
    const tag = Number(object.tag);
    if (tag < FIRST_TEMPLATE || tag > LAST_TEMPLATE) continue;
    const sub = decodeTlv(object.value);
    const guid = sub.find((o) => o.tag === '00')?.value;
    const tranId = sub.find((o) => o.tag === '01')?.value;
    if (guid === undefined || tranId === undefined) continue;
    if (providerId === undefined || guid === providerId) return { providerId: guid, tranId, objects };
  }
  throw new QrFormatError(providerId ? `no template for provider ${providerId}` : 'no provider template');
}
