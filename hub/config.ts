import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { configIssueLines } from '../common/config-issues.js';

// The hub's configuration file: parsed and validated once at start; a bad key is named and the hub refuses to start.
// Every object is strict: a misspelt key ("listen.prot") is refused like a wrong value, not silently left at its default.

const seconds = z.number().positive().finite();
const port = z.number().int().min(0).max(65535);

const Client = z.strictObject({
  id: z.string().min(1),
  role: z.enum(['retailer', 'partner', 'admin']),
  password: z.string().min(1).optional(),
  passwordHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be scrypt$N$r$p$salt$hash').optional(),
}).refine((c) => (c.password === undefined) !== (c.passwordHash === undefined), {
  message: 'give exactly one of password and passwordHash',
});

const Partner = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).max(40),
  url: z.url({ protocol: /^https?$/ }),
  username: z.string().min(1),
  password: z.string().min(1),
});

const Merchant = z.strictObject({
  client: z.string().min(1),
  merchantId: z.string().length(15),
  terminalIds: z.array(z.string().length(8)).optional(),
});

export const HubConfigSchema = z.strictObject({
  listen: z.strictObject({ host: z.string().min(1).default('127.0.0.1'), port: port.default(8480) }),
  database: z.string().min(1),
  institution: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(40) }),
  qr: z.strictObject({
    // The template (4 + id + 4 + a 32-character tranId) must fit in one 99-character TLV value.
    providerId: z.string().min(1).max(59, 'at most 59 characters, so the QR template fits in 99'),
    lifetimeSeconds: seconds.default(300),
    templateTag: z.number().int().min(26).max(51).default(26),
  }),
  timeouts: z.strictObject({ scanWindowSeconds: seconds.default(55), partnerSeconds: seconds.default(30) }),
  saf: z.strictObject({
    retryInitialSeconds: seconds.default(5),
    retryMaxSeconds: seconds.default(60),
    alertAfterSeconds: seconds.default(86_400),
  }),
  clients: z.array(Client).min(1),
  merchants: z.array(Merchant).optional(),
  partners: z.array(Partner),
  limits: z.strictObject({ maxHeldPayments: z.number().int().positive().default(10_000) }).default({ maxHeldPayments: 10_000 }),
  tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
  log: z.strictObject({ level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info') }).default({ level: 'info' }),
}).superRefine((config, ctx) => {
  const ids = new Set<string>();
  config.clients.forEach((client, index) => {
    if (ids.has(client.id)) ctx.addIssue({ code: 'custom', path: ['clients', index, 'id'], message: 'duplicate client id' });
    ids.add(client.id);
  });
  const partnerIds = new Set<string>();
  config.partners.forEach((partner, index) => {
    if (partnerIds.has(partner.id)) ctx.addIssue({ code: 'custom', path: ['partners', index, 'id'], message: 'duplicate partner id' });
    partnerIds.add(partner.id);
  });
  if (config.saf.retryMaxSeconds < config.saf.retryInitialSeconds) {
    ctx.addIssue({ code: 'custom', path: ['saf', 'retryMaxSeconds'], message: 'must not be below retryInitialSeconds' });
  }
});

export type HubConfig = z.infer<typeof HubConfigSchema>;
export type ClientConfig = HubConfig['clients'][number];
export type PartnerConfig = HubConfig['partners'][number];

export class ConfigError extends Error {}

/** Validates a config object; relative paths are resolved against `baseDir` (the config file's folder). */
export function parseHubConfig(raw: unknown, baseDir: string): HubConfig {
  const parsed = HubConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(configIssueLines(parsed.error.issues).join('\n'));
  }
  const config = parsed.data;
  const inBase = (path: string) => (path === ':memory:' || isAbsolute(path) ? path : resolve(baseDir, path));
  config.database = inBase(config.database);
  if (config.tls) config.tls = { cert: inBase(config.tls.cert), key: inBase(config.tls.key) };
  return config;
}

/** Command-line overrides, applied to the file's content before it is validated. */
export interface HubConfigOverrides {
  /** listen.port */
  port?: number;
  /** A partner's url, by partner id. */
  partnerUrls?: Readonly<Record<string, string>>;
}

function withOverrides(raw: unknown, overrides: HubConfigOverrides): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const config = { ...(raw as Record<string, unknown>) };
  if (overrides.port !== undefined) config.listen = { ...(config.listen as object | undefined), port: overrides.port };
  const urls = overrides.partnerUrls ?? {};
  for (const id of Object.keys(urls)) {
    const partners = Array.isArray(config.partners) ? config.partners as Record<string, unknown>[] : [];
    if (!partners.some((partner) => partner?.id === id)) throw new ConfigError(`--partner-url: no partner "${id}" in the config`);
    config.partners = partners.map((partner) => (partner?.id === id ? { ...partner, url: urls[id] } : partner));
  }
  return config;
}

export function loadHubConfig(file: string, overrides: HubConfigOverrides = {}): HubConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseHubConfig(withOverrides(raw, overrides), dirname(resolve(file)));
}
