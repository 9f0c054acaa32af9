import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { settingsView, type TillSettings } from '../../../electron/pos/settings.js';
import { loadTillConfig } from '../../../electron/pos/till-config.js';
import { fake } from './fake-electron.js';
import { recordingLogger } from './fake-engine.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

const { createSettingsStore, SETTINGS_FILE } = await import('../../../electron/main/settings-store.js');

const ROOT = join(import.meta.dirname, '..', '..', '..');
const defaults: TillSettings = loadTillConfig(join(ROOT, 'config', 'till.local.json')).settings;
const SECRET = 'n3w-Hub-s3cret!';
const root = mkdtempSync(join(tmpdir(), 'till-settings-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dir: string;
let logger: ReturnType<typeof recordingLogger>;
beforeEach(() => {
  dir = mkdtempSync(join(root, 'user-data-'));
  logger = recordingLogger();
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
  vi.clearAllMocks();
});

const changed: TillSettings = { ...defaults, merchantName: 'Night Market', hubMode: 'remote', hubUrl: 'https://hub.example', password: SECRET };
const fileText = () => readFileSync(join(dir, SETTINGS_FILE), 'utf8');
const mode = () => statSync(join(dir, SETTINGS_FILE)).mode & 0o777;

describe('settings store', () => {
  it('starts from the config file\'s settings when nothing was saved', async () => {
    await expect(createSettingsStore({ dir, logger }).load(defaults)).resolves.toEqual(defaults);
  });

  it('encrypts the password with safeStorage and never writes it in plain text', async () => {
    const store = createSettingsStore({ dir, logger });
    await store.save(changed);
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledWith(SECRET);
    const text = fileText();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(JSON.parse(text).password.storage).toBe('safeStorage');
    expect(mode()).toBe(0o600);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);

    const loaded = await createSettingsStore({ dir, logger }).load(defaults);
    expect(fake.safeStorage.decryptStringAsync).toHaveBeenCalledOnce();
    expect(loaded).toEqual(changed);
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('keeps only what the Settings screen may change; the rest comes from the config file', async () => {
    const store = createSettingsStore({ dir, logger });
    await store.save({ ...changed, merchantType: '9999', institution: { id: 'x', name: 'X' }, demoMode: false });
    const stored = JSON.parse(fileText());
    expect(Object.keys(stored.settings).sort()).toEqual([
      'clientId', 'currency', 'customerDisplay', 'hubMode', 'hubUrl', 'locale', 'merchantCity', 'merchantId',
      'merchantName', 'payTimeoutSeconds', 'scanWindowSeconds', 'terminalId',
    ]);
    const loaded = await store.load(defaults);
    expect(loaded.merchantType).toBe(defaults.merchantType);
    expect(loaded.institution).toEqual(defaults.institution);
    expect(loaded.demoMode).toBe(defaults.demoMode);
  });

  it('without encryption keeps the password in plain text in a 0600 file and says so', async () => {
    fake.safeStorage.available = false;
    const store = createSettingsStore({ dir, logger });
    await store.save(changed);
    expect(fake.safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(JSON.parse(fileText()).password).toEqual({ storage: 'plain', value: SECRET });
    expect(mode()).toBe(0o600);
    expect(logger.lines).toContainEqual(expect.objectContaining({
      level: 'warn', msg: expect.stringContaining('plain text') as unknown as string,
    }));
    await expect(store.load(defaults)).resolves.toEqual(changed);
  });

  it('re-encrypts a plain password once encryption becomes available', async () => {
    fake.safeStorage.available = false;
    await createSettingsStore({ dir, logger }).save(changed);
    fake.safeStorage.available = true;
    const store = createSettingsStore({ dir, logger });
    await expect(store.load(defaults)).resolves.toEqual(changed);
    await vi.waitFor(() => expect(JSON.parse(fileText()).password.storage).toBe('safeStorage'));
    expect(fileText()).not.toContain(SECRET);
  });

  it('falls back to the config file\'s password when the saved one cannot be decrypted', async () => {
    await createSettingsStore({ dir, logger }).save(changed);
    fake.safeStorage.available = false;
    const loaded = await createSettingsStore({ dir, logger }).load(defaults);
    expect(loaded.password).toBe(defaults.password);
    expect(loaded.merchantName).toBe('Night Market');

    fake.safeStorage.available = true;
    fake.safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('key changed'));
    await expect(createSettingsStore({ dir, logger }).load(defaults)).resolves.toMatchObject({ password: defaults.password });
    expect(logger.lines.filter((line) => line.level === 'warn').map((line) => line.msg)).toHaveLength(2);
  });

  it('ignores an unusable file (bad JSON, a bad value, a broken rule, an unknown key) and starts from the defaults', async () => {
    const file = join(dir, SETTINGS_FILE);
    const good = () => JSON.parse(fileText());
    await createSettingsStore({ dir, logger }).save(changed);
    const valid = good();
    for (const content of [
      '{not json',
      JSON.stringify({ ...valid, settings: { ...valid.settings, terminalId: 'SHORT' } }),
      JSON.stringify({ ...valid, settings: { ...valid.settings, scanWindowSeconds: 55, payTimeoutSeconds: 60 } }),
      JSON.stringify({ ...valid, settings: { ...valid.settings, password: 'sneaky' } }),
      JSON.stringify({ ...valid, version: 2 }),
    ]) {
      writeFileSync(file, content);
      await expect(createSettingsStore({ dir, logger }).load(defaults)).resolves.toEqual(defaults);
    }
    expect(logger.lines.filter((line) => line.msg === 'ignoring unusable saved settings')).toHaveLength(5);
  });

  it('names an unknown key in the warning; a key the file lacks (an older version\'s file) keeps the config\'s value', async () => {
    const file = join(dir, SETTINGS_FILE);
    await createSettingsStore({ dir, logger }).save(changed);
    const valid = JSON.parse(fileText());
    writeFileSync(file, JSON.stringify({ ...valid, settings: { ...valid.settings, hubURL: 'https://typo.example' } }));
    await expect(createSettingsStore({ dir, logger }).load(defaults)).resolves.toEqual(defaults);
    expect(logger.lines.find((line) => line.msg === 'ignoring unusable saved settings')?.fields)
      .toMatchObject({ problem: 'invalid config key "hubURL": unknown key' });

    const { customerDisplay: _missing, ...older } = valid.settings;
    writeFileSync(file, JSON.stringify({ ...valid, settings: older }));
    const loaded = await createSettingsStore({ dir, logger }).load({ ...defaults, customerDisplay: true });
    expect(loaded).toEqual({ ...changed, customerDisplay: true });
  });

  it('warns that a Linux basic_text backend is obfuscation only', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    try {
      fake.safeStorage.backend = 'basic_text';
      await createSettingsStore({ dir, logger }).save(changed);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
    expect(logger.lines.some((line) => line.level === 'warn' && line.msg.includes('fixed key'))).toBe(true);
    expect(fileText()).not.toContain(SECRET);
  });

  it('the renderer\'s view of loaded settings never holds the password', async () => {
    await createSettingsStore({ dir, logger }).save(changed);
    const view = settingsView(await createSettingsStore({ dir, logger }).load(defaults));
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(view.passwordSet).toBe(true);
  });
});
