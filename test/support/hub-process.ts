import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './hub-client.js';

// The hub as its own OS process (npm run hub's entry point), for crash and shutdown tests.

const ROOT = join(import.meta.dirname, '..', '..');

export interface HubProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function writeConfig(dir: string, config: unknown): string {
  const file = join(dir, 'hub.config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export function spawnHub(configFile: string, args: string[] = []): HubProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hub', 'main.ts'), '--config', configFile, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForHealth(url: string, hub: HubProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hub.child.exitCode !== null || hub.child.signalCode !== null) {
      throw new Error(`hub exited early (${hub.child.exitCode ?? hub.child.signalCode}):\n${hub.output()}`);
    }
    try {
      if ((await call(url + '/health')).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`hub not healthy within ${timeoutMs} ms:\n${hub.output()}`);
}
