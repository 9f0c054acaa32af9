import { z } from 'zod';

// Swagger patterns are written without anchors; docs/protocol.md §11 applies them as full matches.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const UUID_V3_OR_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-[34][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Date.parse rolls impossible dates over (2023-02-29 → 1 March, 24:00 → next day); RFC 3339 does not allow them. */
function isRealDateTime(s: string): boolean {
  const match = RFC3339.exec(s);
  if (!match || Number.isNaN(Date.parse(s))) return false;
  const [year, month, day, hour] = [match[1], match[2], match[3], match[4]].map(Number) as [number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth && hour <= 23;
}

export const uuidV4 = z.string().regex(UUID_V4, 'must be a version 4 UUID');
export const uuidV3OrV4 = z.string().regex(UUID_V3_OR_V4, 'must be a version 3 or 4 UUID');

export const dateTime = z
  .string()
  .regex(RFC3339, 'must be an RFC 3339 date-time')
  .refine(isRealDateTime, 'must be a real date-time');

export function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

export const nonEmpty = z.string().min(1);

/** An int64 amount in minor units; JSON numbers are only exact up to 2^53. */
export const minorUnits = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
