import * as nodeFs from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { ConfigError } from '../../hub/config.js';

// Packaged, the shipped hub config sits in the read-only install (app.asar, an AppImage, /opt) and its relative
// database path with it, so the bundled hub runs on a copy in userData with its database beside it. The copy is made
// once: an operator's edits to it survive upgrades.

export const LOCAL_HUB_CONFIG_FILE = 'hub.json';
export const LOCAL_HUB_DATABASE_FILE = 'hub.sqlite';

/** Whether `file` lies inside `dir`; Windows and macOS file systems ignore case by default, so the test does there. */
export function isInsideFolder(file: string, dir: string): boolean {
  const fold = (path: string) => (process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path);
  const path = relative(fold(dir), fold(file));
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}

export type SeedFs =
  Pick<typeof nodeFs, 'existsSync' | 'mkdirSync' | 'readFileSync' | 'renameSync' | 'rmSync' | 'writeFileSync'>;

export interface SeededHubConfig {
  file: string;
  /** false: the file was already there and was left as it is. */
  created: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws ConfigError when the shipped config cannot be read as JSON; the copy itself is validated by its loader. */
export function seedLocalHubConfig(shipped: string, dir: string, fs: SeedFs = nodeFs): SeededHubConfig {
  const file = join(dir, LOCAL_HUB_CONFIG_FILE);
  if (fs.existsSync(file)) return { file, created: false };
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(shipped, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read hub config ${shipped}: ${(error as Error).message}`);
  }
  if (!isObject(config)) throw new ConfigError(`hub config ${shipped} is not a JSON object`);
  config.database = join(dir, LOCAL_HUB_DATABASE_FILE);
  // Relative paths meant the shipped file's folder; the copy lives elsewhere.
  const tls = config.tls;
  if (isObject(tls)) {
    for (const key of ['cert', 'key']) {
      const path = tls[key];
      if (typeof path === 'string' && !isAbsolute(path)) tls[key] = resolve(dirname(shipped), path);
    }
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // It holds client passwords; written whole or not at all, so a crash cannot leave half a config to trip on.
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { file, created: true };
}
