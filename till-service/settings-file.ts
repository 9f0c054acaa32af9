import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySettingsInput, settingsInputOf, SettingsInputSchema, type TillSettings } from '../electron/pos/settings.js';
import { ConfigError } from '../hub/config.js';

// Browser mode keeps settings changed on the Settings screen in the data folder, readable by this user only.
// (The Electron app encrypts the password with the platform's safeStorage instead.)

const FILE = 'settings.json';

/** The config's settings with the saved ones over them; a saved file the Settings screen could not have written is
 *  refused (ConfigError naming the file), rather than half applied. */
export function loadSavedSettings(dataDir: string, defaults: TillSettings): TillSettings {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return defaults;
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`saved settings ${file} are not valid JSON (${(error as Error).message}); fix or delete the file`);
  }
  const checked = SettingsInputSchema.safeParse(saved);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new ConfigError(`saved settings ${file}: "${issue.path.join('.')}" ${issue.message}; fix or delete the file`);
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
