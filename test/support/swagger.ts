// Validation against the official Electrum QR v1.7.0 swagger (shared/spec), for protocol and hub tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04Module from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { expect } from 'vitest';

export type SwaggerPath = '/qrCodes' | '/scans' | '/payments' | '/payments/confirmations' | '/payments/reversals';

const SWAGGER_FILE = 'electrum-qr-swagger-1.7.0.yaml';
const SCHEMA_KEY = 'electrum-qr-swagger';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Both packages are CommonJS with `module.exports = X; exports.default = X`, so `.default` is right at runtime and for tsc.
const Ajv = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

interface SwaggerResponse { schema?: { $ref?: string } }
interface SwaggerDocument {
  definitions: Record<string, Record<string, unknown>>;
  paths: Record<string, { post?: { responses?: Record<string, SwaggerResponse> } }>;
}

/** `<repo>/../shared/spec/…` (the layout of the clone), else the first `shared/spec/…` found walking up from the repo. */
export function swaggerFilePath(): string {
  const override = process.env.ELECTRUM_QR_SWAGGER;
  if (override) return resolve(override);
  for (let dir = REPO_ROOT; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, '..', 'shared', 'spec', SWAGGER_FILE), join(dir, 'shared', 'spec', SWAGGER_FILE)]) {
      if (existsSync(candidate)) return resolve(candidate);
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`${SWAGGER_FILE} not found in ../shared/spec from ${REPO_ROOT} or above (set ELECTRUM_QR_SWAGGER)`);
}

let documentCache: SwaggerDocument | undefined;

export function swaggerDocument(): SwaggerDocument {
  documentCache ??= parse(readFileSync(swaggerFilePath(), 'utf8')) as SwaggerDocument;
  return documentCache;
}

/** The raw JSON-schema of one swagger definition, e.g. to read its `required` list. */
export function swaggerDefinition(name: string): Record<string, unknown> {
  const definition = swaggerDocument().definitions[name];
  if (!definition) throw new Error(`the swagger has no definition ${name}`);
  return definition;
}

const INT32 = 2 ** 31;
let ajvCache: InstanceType<typeof Ajv> | undefined;

function ajv(): InstanceType<typeof Ajv> {
  if (ajvCache) return ajvCache;
  const instance = new Ajv({ allErrors: true });
  addFormats(instance, ['date-time', 'email']);
  // Swagger 2.0 data-type formats that JSON-schema draft-04 does not know.
  instance.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
  instance.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  instance.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  instance.addSchema({ definitions: swaggerDocument().definitions }, SCHEMA_KEY);
  ajvCache = instance;
  return instance;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(definition: string): ValidateFunction {
  let validate = validators.get(definition);
  if (!validate) {
    swaggerDefinition(definition); // throws on an unknown name
    validate = ajv().compile({ $ref: `${SCHEMA_KEY}#/definitions/${definition}` });
    validators.set(definition, validate);
  }
  return validate;
}

export function validateAgainstSwagger(definition: string, body: unknown): { valid: boolean; errors: string } {
  const validate = validatorFor(definition);
  const valid = validate(body) === true;
  const errors = valid ? '' : ajv().errorsText(validate.errors, { dataVar: definition, separator: '\n' });
  return { valid, errors };
}

/** Fails the current test with the ajv errors unless `body` is a valid instance of the swagger `definition`. */
export function expectSwaggerValid(definition: string, body: unknown): void {
  const { valid, errors } = validateAgainstSwagger(definition, body);
  expect(valid, `not a valid swagger ${definition}:\n${errors}\nbody: ${JSON.stringify(body)}`).toBe(true);
}

/**
 * The definition the swagger gives for a response: its name, null when the status is defined without a body schema
 * (scans 202, reversals 404), undefined when the path does not define that status.
 */
export function responseDefinitionFor(path: SwaggerPath, status: number): string | null | undefined {
  const operation = swaggerDocument().paths[path]?.post;
  if (!operation) throw new Error(`the swagger has no POST ${path}`);
  const response = operation.responses?.[String(status)];
  if (response === undefined) return undefined;
  const ref = response.schema?.$ref;
  if (ref === undefined) return null;
  return ref.replace(/^#\/definitions\//, '');
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
}

/** A raw JSON text is parsed first, so callers may pass either `await res.text()` or the parsed body. */
function parsedBody(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/**
 * Checks a hub response against the swagger: its schema for (path, status) if it has one; an empty body or an
 * ErrorDetail if it defines the status without a schema; an ErrorDetail for statuses it does not define (401, 403, …).
 */
export function expectValidHubResponse(path: SwaggerPath, status: number, body: unknown): void {
  const definition = responseDefinitionFor(path, status);
  const context = `POST ${path} → ${status}`;
  if (definition === null) {
    if (isEmptyBody(body)) return;
    const { valid, errors } = validateAgainstSwagger('ErrorDetail', parsedBody(body));
    expect(valid, `${context}: the body must be empty or an ErrorDetail:\n${errors}\nbody: ${JSON.stringify(body)}`)
      .toBe(true);
    return;
  }
  const expected = definition ?? 'ErrorDetail';
  const why = definition ? 'as the swagger defines' : 'not in the swagger, so an ErrorDetail is required';
  expect(isEmptyBody(body), `${context} (${why}): the body must be a ${expected}, got an empty body`).toBe(false);
  const { valid, errors } = validateAgainstSwagger(expected, parsedBody(body));
  expect(valid, `${context} (${why}): not a valid ${expected}:\n${errors}\nbody: ${JSON.stringify(body)}`).toBe(true);
}
