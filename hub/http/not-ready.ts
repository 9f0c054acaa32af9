import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendErrorOf } from './respond.js';

// What the hub answers while it is still opening its store. 503 is a final failure for a client: right for a pay or a
// QR code the hub never took, wrong for an advice, which the till would then drop; an advice gets 500 ("unknown"), so
// it stays queued and is resent (docs/protocol.md §8).

const ADVICE_PATHS = new Set(['/qr/v1/payments/confirmations', '/qr/v1/payments/reversals']);

export function answerNotReady(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '').split('?')[0]!;
  if (ADVICE_PATHS.has(path)) sendErrorOf(res, 500, 'GENERAL_ERROR', 'Hub starting: send the advice again');
  else sendErrorOf(res, 503, 'UPSTREAM_UNAVAILABLE', 'Hub not ready');
}
