import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TillSettings } from '../electron/pos/settings.js';

// Browser mode keeps settings changed on the Settings screen in the data folder, readable by this user only.
// (The Electron app encrypts the password with the platform's safeStorage instead.)

const FILE = 'settings.json';

export function loadSavedSettings(dataDir: string, defaults: TillSettings): TillSettings {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return defaults;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<TillSettings>;
  return { ...defaults, ...saved, demoMode: defaults.demoMode, outbox: defaults.outbox, institution: defaults.institution };
}

export async function saveSettingsFile(dataDir: string, settings: TillSettings): Promise<void> {
  const file = join(dataDir, FILE);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(settings, null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
