import type { IncomingMessage } from 'node:http';
import { basicAuthHeader } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import { hubBase, hubGet } from './hub-client.js';
import type { TillSettings } from './settings.js';

// Follows a tranId's timeline on the hub (GET /hub/v1/transactions/{tranId}/events, server-sent events) so the till
// can show "customer is approving in <partner>" after the scan. Purely cosmetic: the pay answer decides the sale, so
// any failure here is logged and otherwise ignored.

export interface HubEvent {
  seq: number;
  at: string;
  type: string;
  detail?: Record<string, unknown>;
}

export interface EventFollower {
  stop(): void;
}

/** Splits an SSE byte stream into the JSON `data` of its events. */
export class SseParser {
  private buffer = '';

  constructor(private readonly onData: (data: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block.split('\n').filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
      if (data) this.onData(data);
    }
  }
}

/** `onEnd` is told once when the stream ends by itself (refused, dropped, or the hub closed it), not after stop(). */
export function followTransaction(settings: TillSettings, tranId: string, onEvent: (event: HubEvent) => void,
  logger: Logger, onEnd?: () => void): EventFollower {
  let stopped = false;
  const ended = () => {
    if (stopped) return;
    stopped = true;
    onEnd?.();
  };
  const url = `${hubBase(settings)}/hub/v1/transactions/${encodeURIComponent(tranId)}/events`;
  const request = hubGet(url, {
    accept: 'text/event-stream',
    authorization: basicAuthHeader({ username: settings.clientId, password: settings.password }),
  });
  const parser = new SseParser((data) => {
    if (stopped) return;
    try {
      const event = JSON.parse(data) as HubEvent;
      if (typeof event?.type === 'string') onEvent(event);
    } catch (error) {
      logger.debug('unreadable hub event', { tranId, error });
    }
  });
  request.on('response', (response: IncomingMessage) => {
    if (response.statusCode !== 200) {
      logger.warn('hub event stream refused', { tranId, status: response.statusCode });
      response.resume();
      request.destroy();
      ended();
      return;
    }
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => parser.push(chunk));
    response.on('error', () => undefined);
    response.on('close', ended);
  });
  request.on('error', (error) => {
    if (!stopped) logger.debug('hub event stream ended', { tranId, error });
    ended();
  });
  return {
    stop() {
      stopped = true;
      request.destroy();
    },
  };
}
