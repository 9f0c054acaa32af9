import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A pass-through in front of the real hub that can answer a request itself or hold it back: only for what the real hub
// cannot be made to do on demand (a forced DUPLICATE_RECORD, even for a pay the hub did get; a 500 to an advice; a slow
// createQrCode or advice). Everything else, event streams included, goes to the real hub unchanged.

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Answer with `status` and `body`; with `alsoForward`, the request goes on to the real hub too (whose answer is kept in
 * `dropped`, not passed on), and the injected answer waits for `answerAfter`. Or forward it after `delayMs`, or once
 * `forwardWhen` resolves.
 */
export type Injection =
  | { status: number; body?: unknown; alsoForward?: boolean; answerAfter?: () => Promise<unknown> }
  | { delayMs: number }
  | { forwardWhen: Promise<unknown> }
  | undefined;

export interface DroppedAnswer {
  path: string;
  body: unknown;
  status: number;
  answer: unknown;
}

export interface FakeHub {
  url: string;
  seen: SeenRequest[];
  /** The real hub's answers to requests the fake answered itself (alsoForward). */
  dropped: DroppedAnswer[];
  close(): Promise<void>;
}

export async function startFakeHub(target: string, inject: (request: SeenRequest, nth: number) => Injection): Promise<FakeHub> {
  const seen: SeenRequest[] = [];
  const dropped: DroppedAnswer[] = [];
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const request: SeenRequest = { method: req.method ?? 'GET', path, body: raw.length ? JSON.parse(raw.toString('utf8')) : undefined };
      seen.push(request);
      const nth = (counts.get(path) ?? 0) + 1;
      counts.set(path, nth);
      const injected = inject(request, nth);
      if (injected && 'status' in injected) {
        if (injected.alsoForward) {
          const upstream = http.request(target + path, { method: req.method, headers: req.headers, agent: false }, (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            answer.on('end', () => {
              const text = Buffer.concat(parts).toString('utf8');
              dropped.push({ path, body: request.body, status: answer.statusCode ?? 0, answer: text ? JSON.parse(text) : undefined });
            });
          });
          upstream.on('error', () => undefined);
          upstream.end(raw);
        }
        void (injected.answerAfter?.() ?? Promise.resolve()).then(() => {
          res.writeHead(injected.status, { 'content-type': 'application/json' });
          res.end(injected.body === undefined ? '' : JSON.stringify(injected.body));
        }, () => res.destroy());
        return;
      }
      const forward = () => {
        const upstream = http.request(target + path, { method: req.method, headers: req.headers, agent: false }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        res.on('close', () => upstream.destroy());
        upstream.end(raw);
      };
      if (injected && 'forwardWhen' in injected) {
        void injected.forwardWhen.then(() => {
          if (!res.destroyed) forward();
        });
      } else if (injected) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          forward();
        }, injected.delayMs);
        timers.add(timer);
      } else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    dropped,
    close: () => new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The ErrorDetail a hub answers for a reused id. */
export function duplicateRecord(originalId: string) {
  return { id: 'fakehub0000000000001', originalId, errorType: 'DUPLICATE_RECORD', errorMessage: 'Id already used' };
}
