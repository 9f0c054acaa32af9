import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { errorDetail } from '../../protocol/index.js';
import type { Logger } from '../../common/logger.js';
import { HubError } from '../errors.js';
import { sendError, sendErrorOf } from './respond.js';

export const BODY_LIMIT = '1mb';

/** JSON bodies only: 415 for another content type, then express.json with the 1 MiB limit. */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({ limit: BODY_LIMIT, strict: true, type: () => true });
  return [
    (req, res, next) => {
      if (!req.is('application/json')) return sendErrorOf(res, 415, 'FORMAT_ERROR', 'Content-Type must be application/json');
      next();
    },
    parse,
  ];
}

export function notFound(): RequestHandler {
  return (_req, res) => sendErrorOf(res, 404, 'FUNCTION_NOT_SUPPORTED', 'No such operation');
}

/** The one place where a failure becomes an HTTP answer; anything unexpected is a 500 with an unknown outcome. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HubError) return sendError(res, error.status, error.toDetail());
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return sendErrorOf(res, 413, 'FORMAT_ERROR', 'Body larger than 1 MiB');
    if (type === 'entity.parse.failed') return sendErrorOf(res, 400, 'FORMAT_ERROR', 'Malformed JSON');
    if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
      return sendErrorOf(res, 415, 'FORMAT_ERROR', 'Unsupported body encoding');
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendErrorOf(res, status, 'FORMAT_ERROR', 'Request not understood');
    }
    logger.error('unexpected failure', { error, method: req.method, path: req.path });
    sendError(res, 500, errorDetail('GENERAL_ERROR', 'Unexpected hub failure'));
  };
}
