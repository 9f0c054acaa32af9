import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../common/logger.js';
import type { ServiceState } from '../preload/bridge-types.js';

// Keeps the bundled hub and demo partner running: spawn, wait for GET /health, restart a process that dies (1 s
// doubling to 30 s), SIGTERM on stop. A service already answering its health URL before we start is left alone and
// reported as external (e.g. `npm start` is running): a second copy could only fail to bind the same port. A process
// that exits with one of its spec's final codes (its port is taken by another program) is not restarted: restarting
// could only fail the same way. It is reported stopped, with the reason, once.

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  healthUrl: string;
  /** Exit codes after which the service is not restarted, each with the one line that says why. */
  finalExits?: Readonly<Record<number, string>>;
}

export interface SupervisorOptions {
  specs: readonly ServiceSpec[];
  /** Called with every service's state whenever one changes. */
  onState?: (states: Readonly<Record<string, ServiceState>>) => void;
  /** Called once when a service exits with one of its final codes, before the state report that shows it stopped. */
  onFinalExit?: (service: string, reason: string) => void;
  logger?: Logger;
  backoff?: { initialMs: number; maxMs: number };
  /** How long a fresh process has to answer its health URL before it is killed and restarted. */
  healthTimeoutMs?: number;
  healthIntervalMs?: number;
  /** A process that stays healthy this long starts the next failure's backoff from the beginning again. */
  stableMs?: number;
  /** After SIGTERM, how long to wait before SIGKILL. */
  stopTimeoutMs?: number;
}

export interface ServiceSupervisor {
  /** Spawns every service; returns at once (states report progress). */
  start(): void;
  stop(): Promise<void>;
  states(): Record<string, ServiceState>;
  /** Why each service that stopped by itself (a final exit) is stopped. */
  stopReasons(): Record<string, string>;
  /** Last resort at process exit: signal every child synchronously. */
  killNow(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function alive(child: ChildProcess | undefined): child is ChildProcess {
  return child !== undefined && child.exitCode === null && child.signalCode === null && child.pid !== undefined;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(initialMs * 2 ** attempt, maxMs);
}

export function createServiceSupervisor(options: SupervisorOptions): ServiceSupervisor {
  const { specs, logger } = options;
  const initialMs = options.backoff?.initialMs ?? 1000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 30_000;
  const healthIntervalMs = options.healthIntervalMs ?? 200;
  const stableMs = options.stableMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5000;

  const states: Record<string, ServiceState> = Object.fromEntries(specs.map((spec) => [spec.name, 'stopped' as const]));
  const children = new Map<string, ChildProcess>();
  const timers = new Map<string, NodeJS.Timeout>();
  const failures = new Map<string, number>();
  const stopReasons = new Map<string, string>();
  let generation = 0;
  let stopping = true;

  const setState = (name: string, state: ServiceState) => {
    if (states[name] === state) return;
    states[name] = state;
    logger?.info('service state', { service: name, state });
    options.onState?.({ ...states });
  };
  const clearTimer = (name: string) => {
    clearTimeout(timers.get(name));
    timers.delete(name);
  };

  async function watchHealth(spec: ServiceSpec, child: ChildProcess, run: number): Promise<void> {
    const deadline = Date.now() + healthTimeoutMs;
    while (run === generation && alive(child) && Date.now() < deadline) {
      if (await answers(spec.healthUrl)) {
        if (run !== generation || !alive(child)) return;
        setState(spec.name, 'running');
        clearTimer(spec.name);
        timers.set(spec.name, setTimeout(() => failures.set(spec.name, 0), stableMs));
        return;
      }
      await sleep(healthIntervalMs);
    }
    if (run === generation && alive(child)) {
      logger?.warn('service did not become healthy; restarting it', { service: spec.name, healthUrl: spec.healthUrl });
      child.kill('SIGKILL');
    }
  }

  function scheduleRestart(spec: ServiceSpec, run: number, why: string): void {
    if (stopping || run !== generation) return;
    const attempt = failures.get(spec.name) ?? 0;
    const delay = backoffDelay(attempt, initialMs, maxMs);
    failures.set(spec.name, attempt + 1);
    logger?.warn('service stopped; restarting', { service: spec.name, why, inMs: delay });
    setState(spec.name, 'restarting');
    timers.set(spec.name, setTimeout(() => launch(spec, run), delay));
  }

  function launch(spec: ServiceSpec, run: number): void {
    timers.delete(spec.name);
    if (stopping || run !== generation) return;
    let child: ChildProcess;
    try {
      child = spawn(spec.command, spec.args, {
        cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'inherit', 'inherit'], windowsHide: true,
      });
    } catch (error) {
      logger?.error('cannot start service', { service: spec.name, error });
      scheduleRestart(spec, run, 'spawn failed');
      return;
    }
    children.set(spec.name, child);
    let gone = false;
    const onGone = (why: string, code: number | null = null) => {
      if (gone) return;
      gone = true;
      if (children.get(spec.name) !== child) return;
      children.delete(spec.name);
      clearTimer(spec.name);
      const reason = code === null ? undefined : spec.finalExits?.[code];
      if (reason === undefined) {
        scheduleRestart(spec, run, why);
        return;
      }
      if (stopping || run !== generation) return;
      stopReasons.set(spec.name, reason);
      // Info, not error: whoever runs the supervisor says it to the user, once (onFinalExit).
      logger?.info('service stopped and will not be restarted', { service: spec.name, why, reason });
      options.onFinalExit?.(spec.name, reason);
      setState(spec.name, 'stopped');
    };
    // A command that cannot be run reports 'error' without a pid; a running child's errors (e.g. a failed kill)
    // leave it running.
    child.once('error', (error) => {
      logger?.error('service process error', { service: spec.name, error });
      if (!alive(child)) onGone(`error ${error.message}`);
    });
    child.once('exit', (code, signal) => onGone(signal ? `signal ${signal}` : `exit ${code}`, code));
    void watchHealth(spec, child, run);
  }

  async function begin(spec: ServiceSpec, run: number): Promise<void> {
    if (await answers(spec.healthUrl)) {
      if (run !== generation || stopping) return;
      logger?.warn('service already answers; not starting another', { service: spec.name, healthUrl: spec.healthUrl });
      setState(spec.name, 'external');
      return;
    }
    launch(spec, run);
  }

  async function end(name: string, child: ChildProcess): Promise<void> {
    if (!alive(child)) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), stopTimeoutMs);
    });
    const timedOut = await Promise.race([exited.then(() => false), late]);
    clearTimeout(timer);
    if (timedOut && alive(child)) {
      logger?.warn('service ignored SIGTERM; killing it', { service: name });
      child.kill('SIGKILL');
      await exited;
    }
  }

  return {
    start() {
      if (!stopping) return;
      stopping = false;
      generation += 1;
      failures.clear();
      stopReasons.clear();
      // All at once, so no report shows one service starting and the other still stopped.
      for (const spec of specs) states[spec.name] = 'starting';
      logger?.info('starting services', { services: specs.map((spec) => spec.name) });
      options.onState?.({ ...states });
      for (const spec of specs) void begin(spec, generation);
    },
    async stop() {
      stopping = true;
      generation += 1;
      for (const name of [...timers.keys()]) clearTimer(name);
      const running = [...children.entries()];
      children.clear();
      await Promise.all(running.map(([name, child]) => end(name, child)));
      if (specs.every((spec) => states[spec.name] === 'stopped')) return;
      for (const spec of specs) states[spec.name] = 'stopped';
      logger?.info('services stopped');
      options.onState?.({ ...states });
    },
    states: () => ({ ...states }),
    stopReasons: () => Object.fromEntries(stopReasons),
    killNow() {
      for (const child of children.values()) if (alive(child)) child.kill('SIGTERM');
    },
  };
}
