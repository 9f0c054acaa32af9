import type { ServiceState } from '../electron/preload/bridge-types.js';

export interface ServicesHealthy {
  /** Feed it every state report of the supervisor. */
  onState(states: Readonly<Record<string, ServiceState>>): void;
  /** The supervisor gave up on a service (its port is taken): it will not become healthy. */
  onFinalExit(): void;
  /** True once every service is healthy (running, or already running outside us); false after the timeout or a final exit. */
  healthy: Promise<boolean>;
}

/** Waits on the supervisor's own state reports, not by asking it over and over. */
export function whenServicesHealthy(timeoutMs: number): ServicesHealthy {
  let settle!: (healthy: boolean) => void;
  const healthy = new Promise<boolean>((resolve) => (settle = resolve));
  const timer = setTimeout(() => settle(false), timeoutMs);
  return {
    onState(states) {
      const all = Object.values(states);
      if (all.length > 0 && all.every((state) => state === 'running' || state === 'external')) {
        clearTimeout(timer);
        settle(true);
      }
    },
    onFinalExit() {
      clearTimeout(timer);
      settle(false);
    },
    healthy,
  };
}
