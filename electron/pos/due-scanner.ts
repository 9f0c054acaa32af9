// One timer for work that falls due at known times: a scan on the next turn after a kick, and again when the earliest
// thing it left for later is due. Never a periodic tick; the outbox and the partner-outcome follower share it.

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Starts what is due at `now`; returns when the next thing falls due (Infinity: nothing left waiting). */
export type DueScan = (now: number) => number;

export class DueScanner {
  private timer: NodeJS.Timeout | undefined;
  private kicked = false;
  private stopped = false;

  constructor(private readonly scan: DueScan, private readonly now: () => number) {}

  get closed(): boolean {
    return this.stopped;
  }

  /** Scans on the next turn (something new, a finished attempt, a settings change); kicks in one turn coalesce. */
  kick(): void {
    if (this.stopped || this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      this.run();
    });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private run(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    const earliest = this.scan(now);
    if (earliest !== Infinity) this.timer = setTimeout(() => this.run(), Math.min(Math.max(0, earliest - now), MAX_TIMER_MS));
  }
}
