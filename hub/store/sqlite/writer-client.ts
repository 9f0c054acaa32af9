import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { FromWriter, ToWriter, WireWrite } from './writer-protocol.js';

interface InFlight {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The main thread's handle on the writer thread: batches go out in order and are acknowledged in order. */
export class WriterClient {
  private nextId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private closed?: Promise<void>;
  private failure?: Error;

  private constructor(private readonly worker: Worker, private readonly port: MessagePort,
    private readonly onFailure: (error: Error) => void) {
    port.on('message', (message: FromWriter) => this.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`writer thread exited (${code})`));
    });
  }

  static async start(path: string, onFailure: (error: Error) => void): Promise<WriterClient> {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./writer-thread.mjs', import.meta.url), {
      workerData: { path, port: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 4 },
    });
    await new Promise<void>((resolve, reject) => {
      port1.once('message', (message: FromWriter) => (message.type === 'ready' ? resolve() : reject(new Error('writer did not start'))));
      worker.once('error', reject);
    });
    return new WriterClient(worker, port1, onFailure);
  }

  commit(writes: WireWrite[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      this.port.postMessage({ type: 'batch', id, writes } satisfies ToWriter);
    });
  }

  private receive(message: FromWriter): void {
    if (message.type === 'committed') {
      for (const id of message.ids) {
        this.inFlight.get(id)?.resolve();
        this.inFlight.delete(id);
      }
    } else if (message.type === 'failed') {
      this.fail(new Error(`commit failed: ${message.message}`));
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.inFlight.values()) pending.reject(error);
    this.inFlight.clear();
    this.onFailure(error);
  }

  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      if (this.failure) void this.worker.terminate();
      else this.port.postMessage({ type: 'close' } satisfies ToWriter);
    }).then(() => this.port.close());
    return this.closed;
  }
}
