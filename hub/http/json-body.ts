import type { RequestHandler } from 'express';
import { HubError } from '../errors.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads a JSON body in one step: 415 unless it is application/json in UTF-8 without a content encoding, 413 above
 * 1 MiB (checked on Content-Length before reading, and while reading), 400 FORMAT_ERROR if it does not parse.
 * Small enough to read whole; the hot path of every operation, so it does no more than that.
 */
export function jsonBody(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    const rejection = checkHeaders(req.headers, limit);
    if (rejection) {
      res.setHeader('Connection', 'close');
      return next(rejection);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        res.setHeader('Connection', 'close');
        next(new HubError(413, 'FORMAT_ERROR', 'Body larger than 1 MiB'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (failed) return;
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      try {
        req.body = JSON.parse(text);
      } catch {
        return next(new HubError(400, 'FORMAT_ERROR', 'Malformed JSON'));
      }
      next();
    });
    req.on('error', (error) => {
      if (!failed) next(error);
      failed = true;
    });
  };
}

function checkHeaders(headers: NodeJS.Dict<string | string[]>, limit: number): HubError | undefined {
  const [mediaType, ...parameters] = String(headers['content-type'] ?? '').split(';');
  if (mediaType!.trim().toLowerCase() !== 'application/json') {
    return new HubError(415, 'FORMAT_ERROR', 'Content-Type must be application/json');
  }
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  if (charset && !['charset=utf-8', 'charset=utf8', 'charset="utf-8"'].includes(charset)) {
    return new HubError(415, 'FORMAT_ERROR', 'Body must be UTF-8');
  }
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && String(encoding).toLowerCase() !== 'identity') {
    return new HubError(415, 'FORMAT_ERROR', 'Content-Encoding not supported');
  }
  const length = Number(headers['content-length']);
  if (Number.isFinite(length) && length > limit) return new HubError(413, 'FORMAT_ERROR', 'Body larger than 1 MiB');
  return undefined;
}
