import { z } from 'zod';

export const ErrorType = z.enum([
  'DUPLICATE_RECORD', 'FORMAT_ERROR', 'FUNCTION_NOT_SUPPORTED', 'GENERAL_ERROR', 'INVALID_AMOUNT', 'ROUTING_ERROR',
  'TRANSACTION_NOT_SUPPORTED', 'UNABLE_TO_LOCATE_RECORD', 'UPSTREAM_UNAVAILABLE', 'ACCOUNT_ALREADY_SETTLED',
  'INVALID_MERCHANT', 'DO_NOT_HONOR', 'DECLINED_BY_PARTNER', 'DECLINED_BY_ACQUIRER', 'DECLINED_BY_ISSUER',
  'INSUFFICIENT_FUNDS', 'INVALID_CARD_NUMBER', 'CARD_EXPIRED', 'INVALID_TRAN_ID', 'PARTNER_UNKNOWN',
  'NO_SCAN_RECEIVED', 'INVALID_ACCOUNT',
]);
export type ErrorType = z.infer<typeof ErrorType>;

export const ERROR_ID_MAX = 20;
export const ERROR_MESSAGE_MAX = 40;

export const ErrorDetail = z.object({
  id: z.string().max(ERROR_ID_MAX),
  originalId: z.string().optional(),
  errorType: ErrorType,
  errorMessage: z.string().max(ERROR_MESSAGE_MAX),
  detailMessage: z.record(z.string(), z.unknown()).optional(),
  providerErrorCode: z.string().optional(),
  providerErrorMsg: z.string().optional(),
  providerRef: z.string().optional(),
  tranId: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export interface ErrorDetailExtras {
  originalId?: string;
  tranId?: string;
  detailMessage?: Record<string, unknown>;
  providerErrorCode?: string;
  providerErrorMsg?: string;
  providerRef?: string;
}

/** A 20-character error id: the swagger limits ErrorDetail.id to 20, so a whole UUID does not fit (docs/protocol.md §9). */
export function newErrorId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, ERROR_ID_MAX);
}

export function errorDetail(errorType: ErrorType, errorMessage: string, extras: ErrorDetailExtras = {}): ErrorDetail {
  const detail: ErrorDetail = {
    id: newErrorId(),
    errorType,
    errorMessage: errorMessage.length > ERROR_MESSAGE_MAX ? errorMessage.slice(0, ERROR_MESSAGE_MAX) : errorMessage,
  };
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined) (detail as Record<string, unknown>)[key] = value;
  }
  return detail;
}

/** Whether a partner's errorType may be passed through to the POS unchanged (docs/protocol.md §6.10). */
export function isErrorType(value: unknown): value is ErrorType {
  return ErrorType.safeParse(value).success;
}
