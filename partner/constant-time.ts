import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-256 of a secret: fixed-length, so timingSafeEqual applies whatever the secrets' lengths. */
export function secretDigest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function secretsEqual(expected: string, given: string | undefined): boolean {
  return given !== undefined && timingSafeEqual(secretDigest(expected), secretDigest(given));
}
