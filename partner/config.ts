import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { configIssueLines } from '../common/config-issues.js';
import { Institution } from '../protocol/index.js';
import { Behaviour, DEFAULT_BEHAVIOURS } from './behaviour.js';

export const DEFAULT_CONFIG_FILE = 'config/partner.local.json';

const Credentials = z.object({ username: z.string().min(1), password: z.string().min(1) }).strict();

export const PartnerConfig = z
  .object({
    listen: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535),
      })
      .strict(),
    partner: Institution.strict(),
    hub: z
      .object({
        url: z.url({ protocol: /^https?$/ }),
        username: z.string().min(1),
        password: z.string().min(1),
        providerId: z.string().min(1),
      })
      .strict(),
    clients: z.array(Credentials).min(1),
    wallet: z
      .object({
        balance: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        currency: z.string().regex(/^[0-9]{3}$/, 'must be a 3-digit ISO 4217 code'),
      })
      .strict(),
    behaviour: z
      .object({
        pay: Behaviour.default(DEFAULT_BEHAVIOURS.pay),
        confirm: Behaviour.default(DEFAULT_BEHAVIOURS.confirm),
        reverse: Behaviour.default(DEFAULT_BEHAVIOURS.reverse),
      })
      .strict()
      .default(DEFAULT_BEHAVIOURS),
    timeouts: z
      .object({ hubSeconds: z.number().positive().max(600).default(10) })
      .strict()
      .default({ hubSeconds: 10 }),
  })
  .strict();

export type PartnerConfig = z.infer<typeof PartnerConfig>;
/** What a caller may pass: defaults (listen.host, behaviour, timeouts) filled in on parse. */
export type PartnerConfigInput = z.input<typeof PartnerConfig>;

export class ConfigError extends Error {}

export function parsePartnerConfig(value: unknown, source = 'partner config'): PartnerConfig {
  const result = PartnerConfig.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(configIssueLines(result.error.issues).map((line) => `${source}: ${line}`).join('\n'));
}

/** Command-line overrides, applied to the file's content before it is validated. */
export interface PartnerConfigOverrides {
  /** listen.port */
  port?: number;
  /** hub.url */
  hubUrl?: string;
}

export function loadPartnerConfig(file: string, overrides: PartnerConfigOverrides = {}): PartnerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const config = json as Record<string, unknown>;
    if (overrides.port !== undefined) config.listen = { ...(config.listen as object | undefined), port: overrides.port };
    if (overrides.hubUrl !== undefined) config.hub = { ...(config.hub as object | undefined), url: overrides.hubUrl };
  }
  return parsePartnerConfig(json, file);
}

/** The host a local client should connect to: a wildcard listen address is reached through loopback. */
export function connectHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::') return '[::1]';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}
