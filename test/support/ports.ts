import { createServer } from 'node:net';

/** A loopback port that is free right now (for configs that must name each other's ports). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface OccupiedPort {
  port: number;
  close(): Promise<void>;
}

/** A loopback port held by a plain TCP server that is not one of ours (it drops every connection). */
export function occupyPort(): Promise<OccupiedPort> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
