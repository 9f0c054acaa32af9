import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A pass-through in front of the real hub that can answer a request itself or hold it back: only for what the real hub
// cannot be made to do on demand (a forced DUPLICATE_RECORD, a 500 to an advice, a slow createQrCode). Everything
// else, event streams included, goes to the real hub unchanged.

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

export type Injection = { status: number; body?: unknown } | { delayMs: number } | undefined;

export interface FakeHub {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeHub(target: string, inject: (request: SeenRequest, nth: number) => Injection): Promise<FakeHub> {
  const seen: SeenRequest[] = [];
  const counts = new Map<string, number>();
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
        res.writeHead(injected.status, { 'content-type': 'application/json' });
        res.end(injected.body === undefined ? '' : JSON.stringify(injected.body));
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
      if (injected) setTimeout(forward, injected.delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The ErrorDetail a hub answers for a reused id. */
export function duplicateRecord(originalId: string) {
  return { id: 'fakehub0000000000001', originalId, errorType: 'DUPLICATE_RECORD', errorMessage: 'Id already used' };
}
