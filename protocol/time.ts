import type { OffsetDateTimeObject } from './models.js';

/** RFC 3339 with milliseconds, in UTC. */
export function nowIso(at: number = Date.now()): string {
  return new Date(at).toISOString();
}

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER',
  'NOVEMBER', 'DECEMBER'];
const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** Epoch milliseconds of an expiry given either as an RFC 3339 string or as the swagger's OffsetDateTime object. */
export function expiryToEpochMs(expiry: string | OffsetDateTimeObject): number | undefined {
  if (typeof expiry === 'string') return Date.parse(expiry);
  const { year, monthValue, dayOfMonth } = expiry;
  if (year === undefined || monthValue === undefined || dayOfMonth === undefined) return undefined;
  const local = Date.UTC(year, monthValue - 1, dayOfMonth, expiry.hour ?? 0, expiry.minute ?? 0, expiry.second ?? 0,
    Math.floor((expiry.nano ?? 0) / 1e6));
  return local - (expiry.offset?.totalSeconds ?? 0) * 1000;
}

/** The swagger types expiryDate as an OffsetDateTime object, so that is the form the hub echoes (in UTC). */
export function epochMsToOffsetDateTime(at: number): OffsetDateTimeObject {
  const d = new Date(at);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    offset: { totalSeconds: 0, id: 'Z' },
    year: d.getUTCFullYear(),
    monthValue: d.getUTCMonth() + 1,
    month: MONTHS[d.getUTCMonth()],
    dayOfMonth: d.getUTCDate(),
    dayOfWeek: DAYS[d.getUTCDay()],
    dayOfYear: Math.floor((at - startOfYear) / 86_400_000) + 1,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    nano: d.getUTCMilliseconds() * 1e6,
  };
}
