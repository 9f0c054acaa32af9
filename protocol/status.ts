// The status-class rule of docs/protocol.md §4: read the HTTP status first, then the errorType.

export type StatusClass = 'successful' | 'unknown' | 'failed';
export type Operation = 'createQrCode' | 'notifyScan' | 'pay' | 'confirmPayment' | 'reversePayment';

/** `status` undefined means no response arrived within the agreed time (or the connection broke after sending). */
export function statusClass(operation: Operation, status: number | undefined): StatusClass {
  if (status === undefined) return 'unknown';
  if (status === 200 || status === 201 || status === 202) return 'successful';
  if (status === 404) return operation === 'reversePayment' ? 'successful' : 'failed';
  if (status === 500 || status === 504) return 'unknown';
  return 'failed';
}
