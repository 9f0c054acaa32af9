import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

// npm start: the till with the local hub and the Demo Wallet on the shipped demo config. The Electron app when its
// binary is installed; otherwise (it cannot be downloaded on every machine) the same till in browser mode.

const ROOT = join(import.meta.dirname, '..');

function run(step: string, args: string[]): void {
  if (spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
    console.error(`npm start: ${step} failed`);
    process.exit(1);
  }
}

function forward(child: ReturnType<typeof spawn>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

run('building the hub', [join(ROOT, 'scripts', 'build.mjs')]);
run('building the till page', [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);

const binary = electronBinary(ROOT);
if (binary && process.env.TILL_BROWSER_MODE !== '1') {
  run('building the Electron app', [join(ROOT, 'scripts', 'build-electron.mjs')]);
  console.log('Starting QR Till (Electron)…');
  forward(spawn(binary, [join(ROOT, 'dist', 'electron', 'main.cjs'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' }));
} else {
  console.log(binary ? 'TILL_BROWSER_MODE=1: starting QR Till in browser mode.' : `
  The Electron binary is not installed on this machine (node_modules/electron/dist is missing, and it cannot be
  downloaded here), so QR Till starts in BROWSER MODE: the same till, served at http://127.0.0.1:5180 .
  To run the desktop app, install Electron's binary (npx install-electron) and run npm start again.
`);
  forward(spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'till-service', 'main.ts'), ...process.argv.slice(2)], {
    cwd: ROOT, stdio: 'inherit',
  }));
}
