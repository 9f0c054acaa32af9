import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { HUB_NODE_FLAGS } from './hub-node-flags.mjs';

// npm start: the local hub and the demo partner on their shipped default configs, supervised in the foreground.

const ROOT = join(import.meta.dirname, '..');
const HUB_HEALTH = 'http://127.0.0.1:8480/health';
const PARTNER_HEALTH = 'http://127.0.0.1:8490/health';

function start(name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${name} stopped (${signal ?? code}); stopping the demo\n`);
    void stop(1);
  });
  return child;
}

async function healthy(url: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

let stopping = false;
const children: ChildProcess[] = [];
async function stop(code: number): Promise<void> {
  stopping = true;
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  })));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

if (spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
children.push(
  start('hub', [...HUB_NODE_FLAGS, join(ROOT, 'dist', 'hub.mjs')]),
  start('demo partner', ['--import', 'tsx', join(ROOT, 'partner', 'main.ts')]),
);
if (!(await healthy(HUB_HEALTH)) || !(await healthy(PARTNER_HEALTH))) {
  process.stderr.write('the hub or the demo partner did not become healthy; see the messages above\n');
  await stop(1);
}
process.stdout.write(`
QR Hub ready at http://127.0.0.1:8480/qr/v1 (retailer till-01, config/hub.local.json)
Demo Wallet ready at http://127.0.0.1:8490 (config/partner.local.json)

Scan a QR payload as the Demo Wallet:   npm run partner -- scan <qrPayload>
Follow a transaction:                   GET /hub/v1/transactions/<tranId> (as till-01 or operator)
Stop with Ctrl+C.
`);
