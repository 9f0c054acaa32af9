import type { Write } from '../store.js';
import type { PaymentWire } from './rows.js';

// Messages between the store (main thread) and its writer thread. Payment writes carry only the messages that changed.

export type WireWrite =
  | Exclude<Write, { op: 'insertPayment' | 'updatePayment' }>
  | { op: 'insertPayment' | 'updatePayment'; payment: PaymentWire };

export type ToWriter = { type: 'batch'; id: number; writes: WireWrite[] } | { type: 'close' };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'committed'; ids: number[] }
  | { type: 'failed'; ids: number[]; message: string }
  | { type: 'closed' };
