import type { ErrorRequestHandler, RequestHandler } from 'express';
import { errorDetail, type ErrorDetail, type ErrorDetailExtras, type ErrorType } from '../protocol/index.js';
import type { Behaviour } from './behaviour.js';
import type { Logger } from '../common/logger.js';
import { newReference } from './references.js';

export interface Answer {
  status: number;
  /** Undefined means an empty body (the reversal 404). */
  body?: unknown;
}

export function errorAnswer(status: number, errorType: ErrorType, message: string, extras: ErrorDetailExtras = {}): Answer {
  return { status, body: errorDetail(errorType, message, extras) };
}

/** The answer a `decline` or `error` behaviour gives instead of processing the request. */
export function behaviourAnswer(behaviour: Behaviour, extras: ErrorDetailExtras): Answer {
  if (behaviour.mode === 'decline') {
    const errorType = behaviour.errorType ?? 'DECLINED_BY_PARTNER';
    const body: ErrorDetail = errorDetail('DECLINED_BY_PARTNER', `Declined: ${errorType}`, {
      ...extras,
      providerErrorCode: behaviour.providerErrorCode ?? `DW-${errorType}`,
      providerErrorMsg: behaviour.providerErrorMsg ?? `Demo wallet declined: ${errorType}`,
      providerRef: newReference('DE'),
    });
    // Deliberately not narrowed to the enum: a non-enum type is how tests reach the hub's fallback (docs/protocol.md §6.10).
    return { status: behaviour.status ?? 400, body: { ...body, errorType } };
  }
  const errorType = behaviour.errorType ?? 'GENERAL_ERROR';
  const body = errorDetail('GENERAL_ERROR', 'Demo wallet internal error', extras);
  return { status: behaviour.status ?? 500, body: { ...body, errorType } };
}

/** 415 unless the body is declared as JSON; express.json would otherwise silently skip it. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.is('application/json')) {
    next();
    return;
  }
  res.status(415).json(errorDetail('FORMAT_ERROR', 'Content-Type must be application/json'));
};

/** Turns body-parser failures and unexpected errors into ErrorDetail answers. */
export function errorDetailHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = (error as { type?: unknown }).type;
    if (type === 'entity.parse.failed') {
      res.status(400).json(errorDetail('FORMAT_ERROR', 'Malformed JSON'));
    } else if (type === 'entity.too.large') {
      res.status(413).json(errorDetail('FORMAT_ERROR', 'Request body too large'));
    } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      res.status(415).json(errorDetail('FORMAT_ERROR', 'Unsupported body encoding'));
    } else {
      logger.error('unexpected failure', { error });
      res.status(500).json(errorDetail('GENERAL_ERROR', 'Unexpected partner failure'));
    }
  };
}
