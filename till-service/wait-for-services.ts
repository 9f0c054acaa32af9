import type { ServiceSupervisor } from '../electron/main/service-supervisor.js';

/** Resolves true once every supervised service is healthy (running, or already running outside us). */
export async function waitForServices(supervisor: ServiceSupervisor, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const states = Object.values(supervisor.states());
    if (states.length > 0 && states.every((state) => state === 'running' || state === 'external')) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
