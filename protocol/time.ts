/** RFC 3339 with milliseconds, in UTC. */
export function nowIso(at: number = Date.now()): string {
  return new Date(at).toISOString();
}

