import { errorDetail, type ErrorDetail, type ErrorType } from '../../protocol/index.js';
import { HubError } from '../errors.js';
import { UniqueViolation } from '../store/store.js';

/** An HTTP answer a service hands to its route. */
export interface Answer {
  status: number;
  body?: unknown;
}

export const errorAnswer = (status: number, errorType: ErrorType, message: string, ids: { originalId?: string; tranId?: string }): Answer =>
  ({ status, body: errorDetail(errorType, message, ids) });

export function detailAnswer(status: number, detail: ErrorDetail): Answer {
  return { status, body: detail };
}

/** Turns a rejection into an answer; unique violations become DUPLICATE_RECORD unless mapped otherwise. */
export function answerForError(error: unknown, ids: { originalId?: string; tranId?: string },
  unique: Partial<Record<UniqueViolation['target'], [ErrorType, string]>> = {}): Answer {
  if (error instanceof HubError) return { status: error.status, body: error.toDetail(ids) };
  if (error instanceof UniqueViolation) {
    const [errorType, message] = unique[error.target] ?? ['DUPLICATE_RECORD', 'Id already used'];
    return errorAnswer(400, errorType, message, ids);
  }
  throw error;
}
