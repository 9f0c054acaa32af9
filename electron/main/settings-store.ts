import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { configIssueLines } from '../../common/config-issues.js';
import type { Logger } from '../../common/logger.js';
import { SettingsInputSchema, type TillSettings } from '../pos/settings.js';

// The settings the Settings screen changed, kept in the userData folder over the config file's defaults. The
// password is encrypted with safeStorage (the OS keychain, DPAPI or the Linux secret store); where that is not
// available it is kept in plain text in a file only the user can read, and a warning says so. Only the main process
// ever reads this file; the renderer gets settingsView().
// The async safeStorage API: Electron 45 deprecates the synchronous one; data the synchronous one encrypted decrypts
// with it too.

export const SETTINGS_FILE = 'till-settings.json';

// The password is kept apart (below), never among the settings. Zod cannot omit a key from a schema with cross-field
// rules, so the key is refused instead, and the rules still hold for a hand-edited file.
const StoredSettings = SettingsInputSchema.safeExtend({ password: z.undefined().optional() });
// The settings are checked over the config file's (StoredSettings, in load): a key missing from a file written before
// that setting existed keeps the config's value; an unknown key is refused like a bad value.
const StoredFile = z.strictObject({
  version: z.literal(1),
  settings: z.record(z.string(), z.unknown()),
  password: z.discriminatedUnion('storage', [
    z.strictObject({ storage: z.literal('safeStorage'), data: z.base64() }),
    z.strictObject({ storage: z.literal('plain'), value: z.string() }),
  ]),
});
type StoredFile = z.infer<typeof StoredFile>;
const STORED_KEYS = Object.keys(StoredSettings.shape).filter((key) => key !== 'password') as
  Exclude<keyof z.infer<typeof StoredSettings>, 'password'>[];

function storedSettingsOf(settings: TillSettings): Record<string, unknown> {
  return Object.fromEntries(STORED_KEYS.map((key) => [key, settings[key]]));
}

export interface SettingsStore {
  readonly file: string;
  /** The config file's settings overlaid with what was saved; the defaults when nothing (usable) was saved. */
  load(defaults: TillSettings): Promise<TillSettings>;
  save(settings: TillSettings): Promise<void>;
}

export interface SettingsStoreOptions {
  /** app.getPath('userData') */
  dir: string;
  logger?: Logger;
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { dir, logger } = options;
  const file = join(dir, SETTINGS_FILE);
  let queue: Promise<void> = Promise.resolve();
  let warnedPlain = false;

  async function encryption(): Promise<boolean> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    if (available && process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text' && !warnedPlain) {
      warnedPlain = true;
      logger?.warn('no Linux secret store: safeStorage encrypts the hub password with a fixed key (obfuscation only)');
    }
    return available;
  }

  async function storedPassword(password: string): Promise<StoredFile['password']> {
    if (await encryption()) {
      return { storage: 'safeStorage', data: (await safeStorage.encryptStringAsync(password)).toString('base64') };
    }
    if (!warnedPlain) {
      warnedPlain = true;
      logger?.warn('safeStorage encryption is not available: the hub password is stored in plain text, readable by this user only', { file });
    }
    return { storage: 'plain', value: password };
  }

  async function write(settings: TillSettings): Promise<void> {
    const stored: StoredFile = {
      version: 1,
      settings: storedSettingsOf(settings),
      password: await storedPassword(settings.password),
    };
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      await chmod(temp, 0o600);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  const save = (settings: TillSettings): Promise<void> => {
    const run = queue.then(() => write(settings));
    queue = run.catch(() => undefined);
    return run;
  };

  async function password(stored: StoredFile['password'], fallback: string): Promise<{ value: string; resave: boolean }> {
    if (stored.storage === 'plain') return { value: stored.value, resave: await encryption() };
    if (!(await encryption())) {
      logger?.warn('cannot decrypt the saved hub password (safeStorage unavailable); using the config file\'s');
      return { value: fallback, resave: false };
    }
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored.data, 'base64'));
      return { value: result, resave: shouldReEncrypt };
    } catch (error) {
      logger?.warn('cannot decrypt the saved hub password; using the config file\'s', { error });
      return { value: fallback, resave: false };
    }
  }

  async function load(defaults: TillSettings): Promise<TillSettings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger?.warn('cannot read saved settings', { file, error });
      return defaults;
    }
    let parsed;
    try {
      parsed = StoredFile.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    const checked = parsed?.success ? StoredSettings.safeParse({ ...storedSettingsOf(defaults), ...parsed.data.settings }) : parsed;
    if (!parsed?.success || !checked?.success) {
      const problem = checked?.success === false ? configIssueLines(checked.error.issues)[0] : 'not JSON';
      logger?.warn('ignoring unusable saved settings', { file, problem });
      return defaults;
    }
    const { value, resave } = await password(parsed.data.password, defaults.password);
    const settings: TillSettings = { ...defaults, ...checked.data, password: value };
    if (resave) {
      save(settings).catch((error: unknown) => logger?.warn('cannot re-encrypt the saved hub password', { error }));
    }
    return settings;
  }

  return { file, load, save };
}
