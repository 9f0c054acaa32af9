import { readFileSync } from 'node:fs';
import { z } from 'zod';
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
  throw new ConfigError(`${source} is invalid:\n${result.error.issues.map(describeIssue).join('\n')}`);
}

export function loadPartnerConfig(file: string): PartnerConfig {
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
  return parsePartnerConfig(json, file);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `  ${[...path, key].join('.')}: unknown key`).join('\n');
  }
  return `  ${path.length ? path.join('.') : '(root)'}: ${issue.message}`;
}

/** The host a local client should connect to: a wildcard listen address is reached through loopback. */
export function connectHost(listenHost: string): string {
  if (listenHost === '0.0.0.0' || listenHost === '') return '127.0.0.1';
  if (listenHost === '::') return '[::1]';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}
