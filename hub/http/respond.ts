import type { ServerResponse } from 'node:http';
import { errorDetail, type ErrorDetail, type ErrorType } from '../../protocol/index.js';

/** Writes a JSON answer straight to Node's response: the hot path does not need Express's content negotiation. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': json.length });
  res.end(json);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

export function sendError(res: ServerResponse, status: number, detail: ErrorDetail): void {
  sendJson(res, status, detail);
}

export function sendErrorOf(res: ServerResponse, status: number, errorType: ErrorType, message: string): void {
  sendError(res, status, errorDetail(errorType, message));
}
