import type { Response } from 'express';
import { errorDetail, type ErrorDetail, type ErrorType } from '../../protocol/index.js';

export function sendError(res: Response, status: number, detail: ErrorDetail): void {
  if (res.headersSent) return;
  res.status(status).json(detail);
}

export function sendErrorOf(res: Response, status: number, errorType: ErrorType, message: string): void {
  sendError(res, status, errorDetail(errorType, message));
}
