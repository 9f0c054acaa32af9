import type { Response } from 'express';

// Delayed and hanging requests outlive their handlers; closing the partner must end them, not wait for them.

export class PendingWork {
  private timers = new Map<NodeJS.Timeout, (live: boolean) => void>();
  private hanging = new Set<Response>();

  /** Resolves true after `ms`, or false as soon as the partner shuts down. */
  delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(true);
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  /** Never answers: the socket stays open until the client gives up or the partner shuts down. */
  hang(res: Response): void {
    this.hanging.add(res);
    res.once('close', () => this.hanging.delete(res));
  }

  get hangingCount(): number {
    return this.hanging.size;
  }

  abortAll(): void {
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve(false);
    }
    this.timers.clear();
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }
}
