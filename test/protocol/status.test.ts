import { describe, expect, it } from 'vitest';
import { statusClass, type Operation, type StatusClass } from '../../protocol/status.js';

// docs/protocol.md §4, row by row, for every operation.
const OPERATIONS: Operation[] = ['createQrCode', 'notifyScan', 'pay', 'confirmPayment', 'reversePayment'];

const ROWS: Array<{ statuses: Array<number | undefined>; expected: StatusClass }> = [
  { statuses: [200, 201, 202], expected: 'successful' },
  { statuses: [500, 504, undefined], expected: 'unknown' },
  { statuses: [400, 401, 403, 409, 415, 501, 503, 413, 422, 502], expected: 'failed' },
];

describe('status classes (docs/protocol.md §4)', () => {
  for (const operation of OPERATIONS) {
    for (const { statuses, expected } of ROWS) {
      it(`${operation}: ${statuses.map(String).join(', ')} → ${expected}`, () => {
        for (const status of statuses) expect(statusClass(operation, status), `status ${status}`).toBe(expected);
      });
    }

    const expected404: StatusClass = operation === 'reversePayment' ? 'successful' : 'failed';
    it(`${operation}: 404 → ${expected404}`, () => {
      expect(statusClass(operation, 404)).toBe(expected404);
    });
  }
});
