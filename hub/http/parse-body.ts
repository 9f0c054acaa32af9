import type { Request } from 'express';
import type { z } from 'zod';
import { HubError } from '../errors.js';

/**
 * Parses a request's body with a protocol schema; a failure is a 400 FORMAT_ERROR naming the first bad field.
 * The raw body is released: a held pay call may live for the whole scan window, and only the parsed copy is used.
 */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const body: unknown = req.body;
  req.body = undefined;
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0]?.path || 'body';
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const originalId = typeof record.id === 'string' ? record.id.slice(0, 100) : undefined;
  const tranId = typeof record.tranId === 'string' ? record.tranId.slice(0, 100) : undefined;
  throw new HubError(400, 'FORMAT_ERROR', `Invalid ${first}`, { originalId, tranId, detailMessage: { issues } });
}
