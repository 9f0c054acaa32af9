import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { configIssueLines } from '../../common/config-issues.js';
import { ConfigError } from '../../hub/config.js';
import { defaultPayTimeoutSeconds, SettingsInputSchema, type TillSettings } from './settings.js';

// The till's start-up configuration file (config/till.local.json ships the demo). Settings saved later from the
// Settings screen override it; this file is what a fresh till starts with. A bad key is named, as for the hub.

const seconds = z.number().positive().finite();

export const TillConfigSchema = z.strictObject({
  hub: z.strictObject({
    mode: z.enum(['local', 'remote']).default('local'),
    url: z.string().default('http://127.0.0.1:8480'),
    clientId: z.string().min(1),
    password: z.string().min(1),
    /** Local mode: the configs the bundled hub and demo partner are started with (relative to this file). */
    localHubConfig: z.string().min(1).default('hub.local.json'),
    localPartnerConfig: z.string().min(1).default('partner.local.json'),
  }),
  till: z.strictObject({
    terminalId: z.string(),
    merchantId: z.string(),
    merchantType: z.string().regex(/^[0-9]{4}$/, 'must be a 4-digit merchant category code').default('5411'),
    merchantName: z.string(),
    merchantCity: z.string().default(''),
    currency: z.string().default('ZAR'),
    locale: z.string().default('en-ZA'),
    institution: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(40) })
      .default({ id: 'qrtill', name: 'QR Till' }),
  }),
  timeouts: z.strictObject({
    scanWindowSeconds: seconds.default(55),
    partnerSeconds: seconds.default(30),
    payTimeoutSeconds: seconds.optional(),
  }).default({ scanWindowSeconds: 55, partnerSeconds: 30 }),
  // docs/protocol.md §3: SAF retries after 5 s, doubling to at most 60 s, never giving up.
  outbox: z.strictObject({
    retryInitialSeconds: seconds.default(5),
    retryMaxSeconds: seconds.default(60),
    /** How long an approval's confirmation is held for a possible void before it is sent anyway. */
    confirmAfterSeconds: seconds.default(60),
    adviceTimeoutSeconds: seconds.default(30),
  }).default({ retryInitialSeconds: 5, retryMaxSeconds: 60, confirmAfterSeconds: 60, adviceTimeoutSeconds: 30 }),
  demoMode: z.boolean().default(false),
  customerDisplay: z.boolean().default(false),
  // The browser-mode service holds the hub credentials and has no login of its own: it listens on this machine only.
  web: z.strictObject({
    host: z.string().refine((host) => /^(localhost|::1|127\.\d+\.\d+\.\d+)$/.test(host), 'must be a loopback address')
      .default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(5180),
  })
    .default({ host: '127.0.0.1', port: 5180 }),
  /** Where the outbox and sales journal live (browser mode; Electron uses its userData folder). */
  dataDir: z.string().min(1).default('../var/till'),
});

export interface TillConfig {
  settings: TillSettings;
  web: { host: string; port: number };
  dataDir: string;
  localHubConfig: string;
  localPartnerConfig: string;
  partnerSeconds: number;
}

function fail(path: PropertyKey[], message: string): never {
  throw new ConfigError(`invalid config key "${path.map(String).join('.') || '(root)'}": ${message}`);
}

/** Validates a till config object; relative paths are resolved against `baseDir` (the config file's folder). */
export function parseTillConfig(raw: unknown, baseDir: string): TillConfig {
  const parsed = TillConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(configIssueLines(parsed.error.issues).join('\n'));
  const { hub, till, timeouts, outbox, demoMode, customerDisplay, web, dataDir } = parsed.data;
  const settings: TillSettings = {
    hubMode: hub.mode,
    hubUrl: hub.url.replace(/\/+$/, ''),
    clientId: hub.clientId,
    password: hub.password,
    terminalId: till.terminalId,
    merchantId: till.merchantId,
    merchantType: till.merchantType,
    merchantName: till.merchantName,
    merchantCity: till.merchantCity,
    currency: till.currency,
    locale: till.locale,
    institution: till.institution,
    payTimeoutSeconds: timeouts.payTimeoutSeconds ?? defaultPayTimeoutSeconds(timeouts.scanWindowSeconds, timeouts.partnerSeconds),
    scanWindowSeconds: timeouts.scanWindowSeconds,
    demoMode,
    customerDisplay,
    outbox,
  };
  // The same rules as the Settings screen, so a config file cannot hold what the screen would refuse.
  const { demoMode: _demo, merchantType: _type, institution: _institution, outbox: _outbox, ...input } = settings;
  const checked = SettingsInputSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const section = key === 'hubMode' || key === 'hubUrl' || key === 'clientId' || key === 'password' ? 'hub' : key.endsWith('Seconds') ? 'timeouts' : 'till';
    fail([section, key.replace(/^hubMode$/, 'mode').replace(/^hubUrl$/, 'url')], issue.message);
  }
  const inBase = (path: string) => (isAbsolute(path) ? path : resolve(baseDir, path));
  return {
    settings,
    web,
    dataDir: inBase(dataDir),
    localHubConfig: inBase(hub.localHubConfig),
    localPartnerConfig: inBase(hub.localPartnerConfig),
    partnerSeconds: timeouts.partnerSeconds,
  };
}

export function loadTillConfig(file: string): TillConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read till config ${file}: ${(error as Error).message}`);
  }
  return parseTillConfig(raw, dirname(resolve(file)));
}
