import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../electron/preload/bridge-types.js';
import {
  backoffDelay, createServiceSupervisor, type ServiceSpec, type ServiceSupervisor, type SupervisorOptions,
} from '../../../electron/main/service-supervisor.js';
import { freePort } from '../../support/ports.js';
import { recordingLogger } from './fake-engine.js';

// Real child processes: a tiny Node HTTP server per service, answering GET /health with its pid.

const dir = mkdtempSync(join(tmpdir(), 'till-supervisor-'));
const SCRIPT = join(dir, 'service.mjs');
writeFileSync(SCRIPT, `
import { appendFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
const [port, mode, marker] = process.argv.slice(2);
appendFileSync(marker + '.starts', 'started\\n');
if (mode === 'port-taken') process.exit(4);
const server = http.createServer((req, res) => {
  const healthy = req.url === '/health' && mode !== 'never-healthy';
  res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ pid: process.pid }));
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => {
  writeFileSync(marker, 'SIGTERM');
  if (mode === 'ignore-term') return;
  server.close();
  process.exit(0);
});
`);

const supervisors: ServiceSupervisor[] = [];
const pids = new Set<number>();
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((supervisor) => supervisor.stop()));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  pids.clear();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function spec(name: string, mode = 'ok'): Promise<ServiceSpec & { marker: string }> {
  const port = await freePort();
  const marker = join(dir, `${name}-${port}.term`);
  return {
    name,
    command: process.execPath,
    args: [SCRIPT, String(port), mode, marker],
    cwd: dir,
    env: { PATH: process.env.PATH },
    healthUrl: `http://127.0.0.1:${port}/health`,
    marker,
  };
}

function supervise(specs: ServiceSpec[], options: Partial<SupervisorOptions> = {}) {
  const history: Record<string, ServiceState[]> = {};
  const logger = recordingLogger();
  const supervisor = createServiceSupervisor({
    specs,
    logger,
    healthIntervalMs: 50,
    onState: (states) => {
      for (const [name, state] of Object.entries(states)) {
        const seen = (history[name] ??= []);
        if (seen.at(-1) !== state) seen.push(state);
      }
    },
    ...options,
  });
  supervisors.push(supervisor);
  return { supervisor, history, logger };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function healthPid(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url);
    const { pid } = (await response.json()) as { pid: number };
    pids.add(pid);
    return pid;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('service supervisor', () => {
  it('spawns every service, reports running once /health answers, and stops them with SIGTERM', async () => {
    const hub = await spec('hub');
    const partner = await spec('partner');
    const { supervisor, history } = supervise([hub, partner]);
    supervisor.start();
    await until('both running', () => supervisor.states().hub === 'running' && supervisor.states().partner === 'running');
    const hubPid = (await healthPid(hub.healthUrl))!;
    const partnerPid = (await healthPid(partner.healthUrl))!;
    expect(isAlive(hubPid) && isAlive(partnerPid)).toBe(true);

    await supervisor.stop();
    expect(supervisor.states()).toEqual({ hub: 'stopped', partner: 'stopped' });
    expect(history).toEqual({ hub: ['starting', 'running', 'stopped'], partner: ['starting', 'running', 'stopped'] });
    expect(existsSync(hub.marker) && existsSync(partner.marker)).toBe(true);
    await until('both processes gone', () => !isAlive(hubPid) && !isAlive(partnerPid));
    await expect(healthPid(hub.healthUrl)).resolves.toBeUndefined();
  });

  it('restarts a process that dies, waiting 1×, 2×, 4× the initial backoff', async () => {
    const hub = await spec('hub');
    const { supervisor, history, logger } = supervise([hub], { backoff: { initialMs: 100, maxMs: 30_000 } });
    supervisor.start();
    let pid = 0;
    for (const expectedDelay of [100, 200, 400]) {
      await until('running', () => supervisor.states().hub === 'running');
      const before = pid;
      pid = (await healthPid(hub.healthUrl))!;
      expect(pid).not.toBe(before);
      process.kill(pid, 'SIGKILL');
      await until('restart scheduled', () => logger.lines.filter((line) => line.msg === 'service stopped; restarting').length
        === [100, 200, 400].indexOf(expectedDelay) + 1);
      const restart = logger.lines.filter((line) => line.msg === 'service stopped; restarting').at(-1);
      expect(restart?.fields).toMatchObject({ service: 'hub', why: 'signal SIGKILL', inMs: expectedDelay });
    }
    await until('running again', () => supervisor.states().hub === 'running');
    const last = (await healthPid(hub.healthUrl))!;
    expect(last).not.toBe(pid);
    expect(history.hub).toEqual(['starting', 'running', 'restarting', 'running', 'restarting', 'running', 'restarting', 'running']);
  });

  it('backs off from 1 s doubling to 30 s by default', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, 1000, 30_000)))
      .toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('kills a process that has not answered /health in time, and starts it again', async () => {
    const stuck = await spec('hub', 'never-healthy');
    const { supervisor, history, logger } = supervise([stuck], { healthTimeoutMs: 400, backoff: { initialMs: 50, maxMs: 100 } });
    supervisor.start();
    await until('restarting', () => supervisor.states().hub === 'restarting');
    expect(history.hub).toEqual(['starting', 'restarting']);
    expect(logger.lines.some((line) => line.msg === 'service did not become healthy; restarting it')).toBe(true);
  });

  it('SIGKILLs a process that ignores SIGTERM after the stop timeout', async () => {
    const stubborn = await spec('partner', 'ignore-term');
    const { supervisor } = supervise([stubborn], { stopTimeoutMs: 300 });
    supervisor.start();
    await until('running', () => supervisor.states().partner === 'running');
    const pid = (await healthPid(stubborn.healthUrl))!;
    const started = Date.now();
    await supervisor.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(existsSync(stubborn.marker)).toBe(true);
    await until('process gone', () => !isAlive(pid));
  });

  it('retries a command that cannot be run', async () => {
    const missing = { ...(await spec('hub')), command: join(dir, 'no-such-program') };
    const { supervisor, logger } = supervise([missing], { backoff: { initialMs: 50, maxMs: 100 } });
    supervisor.start();
    await until('two failed attempts', () => logger.lines.filter((line) => line.msg === 'service stopped; restarting').length >= 2);
    expect(supervisor.states().hub).toBe('restarting');
    await supervisor.stop();
    expect(supervisor.states().hub).toBe('stopped');
  });

  it('leaves a service that already answers its health URL alone and reports it external', async () => {
    const port = await freePort();
    const other: Server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const hub = { ...(await spec('hub')), healthUrl: `http://127.0.0.1:${port}/health`, command: join(dir, 'no-such-program') };
      const partner = await spec('partner');
      const { supervisor, history, logger } = supervise([hub, partner], { backoff: { initialMs: 20, maxMs: 20 } });
      supervisor.start();
      await until('external', () => supervisor.states().hub === 'external');
      // The end to wait for: the other service, started at the same time, launched and found healthy since.
      await until('partner running', () => supervisor.states().partner === 'running');
      expect(history.hub).toEqual(['starting', 'external']);
      expect(logger.lines.some((line) => line.msg === 'service stopped; restarting')).toBe(false);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('does not restart a process that exits with a final code (its port is taken): reports it stopped, with the reason, once', async () => {
    const hub = { ...(await spec('hub', 'port-taken')), finalExits: { 4: 'QR Hub cannot listen on 127.0.0.1:8480: taken.' } };
    const partner = await spec('partner');
    const finals: [string, string][] = [];
    let statesAtFinal: Record<string, ServiceState> | undefined;
    const { supervisor, history, logger } = supervise([hub, partner], {
      backoff: { initialMs: 20, maxMs: 20 },
      onFinalExit: (service, reason) => {
        finals.push([service, reason]);
        statesAtFinal = supervisor.states();
      },
    });
    supervisor.start();
    await until('the hub stopped for good', () => supervisor.states().hub === 'stopped');
    await until('the partner running', () => supervisor.states().partner === 'running');
    expect(finals).toEqual([['hub', 'QR Hub cannot listen on 127.0.0.1:8480: taken.']]);
    expect(statesAtFinal?.hub).toBe('starting');
    expect(history.hub).toEqual(['starting', 'stopped']);
    expect(supervisor.stopReasons()).toEqual({ hub: 'QR Hub cannot listen on 127.0.0.1:8480: taken.' });
    expect(readFileSync(`${hub.marker}.starts`, 'utf8')).toBe('started\n');
    expect(logger.lines.filter((line) => line.msg === 'service stopped; restarting')).toEqual([]);
    expect(logger.lines.filter((line) => line.msg === 'service stopped and will not be restarted')).toHaveLength(1);
  });

  it('can start again after a stop (switching back to local mode)', async () => {
    const hub = await spec('hub');
    const { supervisor } = supervise([hub]);
    supervisor.start();
    await until('running', () => supervisor.states().hub === 'running');
    await supervisor.stop();
    supervisor.start();
    await until('running again', () => supervisor.states().hub === 'running');
    expect(await healthPid(hub.healthUrl)).toBeGreaterThan(0);
  });
});
