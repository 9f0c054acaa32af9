import type { PartnerOperation } from './behaviour.js';

// Every message that reached a partner operation with valid credentials, as received (unknown fields kept), so tests
// can check what the hub really sent.

export interface ReceivedMessage {
  operation: PartnerOperation;
  receivedAt: string;
  body: unknown;
  /** The partner's answer, once it has answered (absent while a request hangs). */
  response?: { status: number; body?: unknown };
}

// Bounded so a long-running demo does not grow without limit.
const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: ReceivedMessage[] = [];

  record(operation: PartnerOperation, body: unknown, receivedAt: string): ReceivedMessage {
    const entry: ReceivedMessage = { operation, receivedAt, body };
    this.entries.push(entry);
    // Trimmed in chunks, so a busy demo does not shift the whole log on every request.
    if (this.entries.length > MAX_ENTRIES * 1.5) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  list(): ReceivedMessage[] {
    return structuredClone(this.entries);
  }

  clear(): void {
    this.entries = [];
  }
}
