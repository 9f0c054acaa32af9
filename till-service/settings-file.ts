import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configIssueLines } from '../common/config-issues.js';
import { applySettingsInput, settingsInputOf, SettingsInputSchema, type TillSettings } from '../electron/pos/settings.js';
import { ConfigError } from '../hub/config.js';

// Browser mode keeps settings changed on the Settings screen in the data folder, readable by this user only.
// (The Electron app encrypts the password with the platform's safeStorage instead.)

const FILE = 'settings.json';

/**
 * The config's settings with the saved ones over them. A key the file lacks (written before that setting existed)
 * keeps the config's value. A file the Settings screen could not have written (a bad value, an unknown key: a hand
 * edit's typo would otherwise be ignored) is refused with a ConfigError naming the file and key, rather than half
 * applied.
 */
export function loadSavedSettings(dataDir: string, defaults: TillSettings): TillSettings {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return defaults;
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`saved settings ${file} are not valid JSON (${(error as Error).message}); fix or delete the file`);
  }
  const isObject = typeof saved === 'object' && saved !== null && !Array.isArray(saved);
  const checked = SettingsInputSchema.safeParse(isObject ? { ...settingsInputOf(defaults), ...(saved as object) } : saved);
  if (!checked.success) {
    throw new ConfigError(`saved settings ${file}: ${configIssueLines(checked.error.issues)[0]}; fix or delete the file`);
  }
  return applySettingsInput(defaults, checked.data);
}

export async function saveSettingsFile(dataDir: string, settings: TillSettings): Promise<void> {
  const file = join(dataDir, FILE);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(settingsInputOf(settings, settings.password), null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
