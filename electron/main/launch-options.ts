import { isAbsolute, join, resolve } from 'node:path';

// What the command line and environment say about this run. Kept apart from main.ts so it can be read and tested
// without starting anything.

export interface LaunchOptions {
  kiosk: boolean;
  fullscreen: boolean;
  /** The till config file: TILL_CONFIG, or config/till.local.json under the app root. */
  configFile: string;
  /** Where Electron keeps its userData, when it is not the platform default. */
  userDataDir?: string;
  /** --hub-port and --wallet-port as given (checked when the local services are set up). */
  hubPort?: string;
  walletPort?: string;
}

/** `--name value` or `--name=value`. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === name) return argv[index + 1] ?? '';
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const flag = (value: string | undefined) => value !== undefined && TRUE.has(value.trim().toLowerCase());

export function launchOptions(
  argv: readonly string[], env: NodeJS.ProcessEnv, appRoot: string, isPackaged: boolean,
): LaunchOptions {
  const configFile = env.TILL_CONFIG ? resolve(env.TILL_CONFIG) : join(appRoot, 'config', 'till.local.json');
  // Unpackaged, Electron would name the app "Electron" and share its userData with every other development app;
  // the repository's var/ folder already holds the demo hub's database.
  const userData = env.TILL_USER_DATA;
  const userDataDir = userData
    ? (isAbsolute(userData) ? userData : resolve(userData))
    : isPackaged ? undefined : join(appRoot, 'var', 'electron');
  return {
    kiosk: argv.includes('--kiosk') || flag(env.TILL_KIOSK),
    fullscreen: argv.includes('--fullscreen') || flag(env.TILL_FULLSCREEN),
    configFile,
    userDataDir,
    hubPort: flagValue(argv, '--hub-port'),
    walletPort: flagValue(argv, '--wallet-port'),
  };
}

/** dist/electron/main.cjs → the folder holding dist/ (the same from electron/main/ in tests and tsx). */
export function appRootFrom(moduleDir: string): string {
  return resolve(moduleDir, '..', '..');
}
