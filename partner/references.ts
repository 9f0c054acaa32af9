import { randomBytes } from 'node:crypto';

/** An uppercase alphanumeric reference, e.g. `DW3F9A0C1B2E4D`: fits SlipData.issuerReference ([A-Z0-9]{1,40}). */
export function newReference(prefix: string): string {
  return prefix + randomBytes(6).toString('hex').toUpperCase();
}

/** A partnerPaymentToken: opaque, unguessable, URL-safe. */
export function newPaymentToken(): string {
  return randomBytes(24).toString('base64url');
}
