import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorDetail } from '../../protocol/index.js';
import type { Logger } from '../../common/logger.js';
import { HubError } from '../errors.js';
import { sendError, sendErrorOf } from './respond.js';

export function notFound(): RequestHandler {
  return (_req, res) => sendErrorOf(res, 404, 'FUNCTION_NOT_SUPPORTED', 'No such operation');
}

/** The one place where a failure becomes an HTTP answer; anything unexpected is a 500 with an unknown outcome. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof HubError) return sendError(res, error.status, error.toDetail());
    const code = (error as { code?: string }).code;
    if (code === 'ECONNRESET' || code === 'ECONNABORTED') return sendErrorOf(res, 400, 'FORMAT_ERROR', 'Request aborted');
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendErrorOf(res, status, 'FORMAT_ERROR', 'Request not understood');
    }
    logger.error('unexpected failure', { error, method: req.method, path: req.path });
    sendError(res, 500, errorDetail('GENERAL_ERROR', 'Unexpected hub failure'));
  };
}
