import type { HttpOutcome } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import { nowIso } from '../../protocol/index.js';
import type { TillStatus } from '../preload/bridge-types.js';
import { hubBase, hubGet } from './hub-client.js';
import type { TillSettings } from './settings.js';

// Whether the till can reach its hub: GET /health at open, every few seconds and after a settings change. The answers
// of real calls count too: a request that could not be sent means unreachable, any answer means connected.

export const HEALTH_INTERVAL_MS = 5000;
const HEALTH_TIMEOUT_MS = 3000;

export type HubState = TillStatus['hub']['state'];

export interface HubHealthDeps {
  settings: () => TillSettings;
  now: () => number;
  logger: Logger;
  onChange: () => void;
}

export class HubHealth {
  state: HubState = 'unknown';
  checkedAt: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped when the hub URL changes, so an answer from the previous hub is ignored. */
  private generation = 0;
  private closed = false;
  private readonly checks = new Set<() => void>();

  constructor(private readonly deps: HubHealthDeps) {}

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), HEALTH_INTERVAL_MS);
  }

  /** Another hub (or other credentials): unknown until checked. */
  reset(): void {
    this.generation += 1;
    this.set('unknown');
    void this.check();
  }

  /** An outcome of a real call to the hub. */
  observe(outcome: HttpOutcome): void {
    if (outcome.kind === 'not-sent') this.set('unreachable');
    else if (outcome.kind === 'response') this.set('connected');
    // A call cut off or unanswered may be the hub going away: look now rather than at the next tick.
    else if (!this.closed) void this.check();
  }

  check(): Promise<void> {
    const generation = this.generation;
    const url = `${hubBase(this.deps.settings())}/health`;
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = (state: HubState) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.checks.delete(abort);
        request.destroy();
        if (generation === this.generation) this.set(state);
        resolve();
      };
      const abort = () => finish('unknown');
      this.checks.add(abort);
      const request = hubGet(url, { accept: 'application/json' });
      const timer = setTimeout(() => finish('unreachable'), HEALTH_TIMEOUT_MS);
      request.on('response', (response) => {
        response.resume();
        finish(response.statusCode === 200 ? 'connected' : 'unreachable');
      });
      request.on('error', () => finish('unreachable'));
    });
  }

  private set(state: HubState): void {
    if (this.closed) return;
    this.checkedAt = nowIso(this.deps.now());
    if (state === this.state) return;
    this.deps.logger.info('hub connection', { state, hubUrl: this.deps.settings().hubUrl });
    this.state = state;
    this.deps.onChange();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const abort of [...this.checks]) abort();
  }
}
