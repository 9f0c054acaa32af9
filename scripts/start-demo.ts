import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

// npm start: the till with the local hub and the Demo Wallet on the shipped demo config. The Electron app when its
// binary is installed; otherwise (it cannot be downloaded on every machine) the same till in browser mode.

const ROOT = join(import.meta.dirname, '..');
const USAGE = `usage: npm start [-- <flags>]
  --hub-port <n>     the local hub's port (default: listen.port in config/hub.local.json, 8480); the till and the
                     Demo Wallet follow it
  --wallet-port <n>  the Demo Wallet's port (default: listen.port in config/partner.local.json, 8490); the hub follows it
  --port <n>         browser mode: the till page's port (default: web.port in config/till.local.json, 5180; 0 = any free port)
  --config <file>    browser mode: the till config (default config/till.local.json); the Electron app reads TILL_CONFIG
  --hub-url <url>, --client-id <id>   browser mode: use a remote hub (see npm run start:web -- --help)
  --kiosk, --fullscreen               the Electron app's window
  -h, --help         this text
The Electron app starts when its binary is installed; otherwise, or with TILL_BROWSER_MODE=1, browser mode.
exit status: 0 = stopped, 2 = bad flag or config, 4 = a port is already in use (the message names it), 1 = other`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

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
  downloaded here), so QR Till starts in BROWSER MODE: the same till, in your browser at the address it prints below.
  To run the desktop app, install Electron's binary (npx install-electron) and run npm start again.
`);
  forward(spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'till-service', 'main.ts'), ...process.argv.slice(2)], {
    cwd: ROOT, stdio: 'inherit',
  }));
}
