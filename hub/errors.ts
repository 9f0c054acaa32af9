import { errorDetail, type ErrorDetail, type ErrorDetailExtras, type ErrorType } from '../protocol/index.js';

/** A failure a client sees: thrown by services and turned into an ErrorDetail response in one place. */
export class HubError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: ErrorType,
    message: string,
    readonly extras: ErrorDetailExtras = {},
  ) {
    super(message);
  }

  toDetail(defaults: ErrorDetailExtras = {}): ErrorDetail {
    return errorDetail(this.errorType, this.message, { ...defaults, ...this.extras });
  }
}

export const badRequest = (errorType: ErrorType, message: string, extras?: ErrorDetailExtras) =>
  new HubError(400, errorType, message, extras);
