// Validation against our own OpenAPI 3.1 document of the hub (docs/openapi.yaml), for protocol and hub tests.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { expect } from 'vitest';

/** The five Electrum operations, by their path under /qr/v1. */
export type ElectrumPath = '/qrCodes' | '/scans' | '/payments' | '/payments/confirmations' | '/payments/reversals';

export const OPENAPI_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'openapi.yaml');
const DOCUMENT_ID = 'https://qrtill.invalid/openapi.json';

// Both packages are CommonJS with `module.exports = X; exports.default = X`, so `.default` is right at runtime and for tsc.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

type Schema = Record<string, unknown>;
interface MediaType { schema?: Schema }
interface ResponseObject { $ref?: string; content?: Record<string, MediaType> }
interface Operation { operationId: string; responses: Record<string, ResponseObject> }
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseObject> };
}

let documentCache: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  documentCache ??= parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
  return documentCache;
}

/** The raw JSON schema of one component, e.g. to read its `required` list. */
export function schemaOf(name: string): Schema {
  const schema = openApiDocument().components.schemas[name];
  if (!schema) throw new Error(`docs/openapi.yaml has no schema ${name}`);
  return schema;
}

/** A copy whose `#/components/schemas/X` references point into the document registered with ajv. */
function anchored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', `"${DOCUMENT_ID}#/$defs/`)) as T;
}

const INT32 = 2 ** 31;
let ajvCache: InstanceType<typeof Ajv2020> | undefined;

function ajv(): InstanceType<typeof Ajv2020> {
  if (ajvCache) return ajvCache;
  const instance = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(instance, ['date-time', 'email']);
  // OpenAPI's data-type formats, which JSON Schema leaves to the application.
  instance.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
  instance.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  instance.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  instance.addSchema({ $id: DOCUMENT_ID, $defs: anchored(openApiDocument().components.schemas) });
  ajvCache = instance;
  return instance;
}

const validators = new Map<string, ValidateFunction>();

function compiled(key: string, schema: () => Schema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv().compile(anchored(schema()));
    validators.set(key, validate);
  }
  return validate;
}

function run(validate: ValidateFunction, label: string, body: unknown): { valid: boolean; errors: string } {
  const valid = validate(body) === true;
  return { valid, errors: valid ? '' : ajv().errorsText(validate.errors, { dataVar: label, separator: '\n' }) };
}

export function validateAgainstSchema(name: string, body: unknown): { valid: boolean; errors: string } {
  schemaOf(name); // throws on an unknown name
  return run(compiled(`schema:${name}`, () => ({ $ref: `#/components/schemas/${name}` })), name, body);
}

/** Fails the current test with the ajv errors unless `body` is a valid instance of the document's schema `name`. */
export function expectSchemaValid(name: string, body: unknown): void {
  const { valid, errors } = validateAgainstSchema(name, body);
  expect(valid, `not a valid ${name} (docs/openapi.yaml):\n${errors}\nbody: ${JSON.stringify(body)}`).toBe(true);
}

function responseObject(method: string, path: string, status: number): ResponseObject | undefined {
  const document = openApiDocument();
  const operation = document.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`docs/openapi.yaml has no ${method} ${path}`);
  const response = operation.responses[String(status)];
  const ref = response?.$ref?.replace(/^#\/components\/responses\//, '');
  return ref === undefined ? response : document.components.responses[ref];
}

/**
 * The JSON schema the document gives for an answer: null when the status is defined without a body (notifyScan 202),
 * undefined when the operation does not define that status.
 */
export function responseSchemaFor(method: string, path: string, status: number): Schema | null | undefined {
  const response = responseObject(method, path, status);
  if (response === undefined) return undefined;
  if (!response.content) return null;
  const media = response.content['application/json'] ?? Object.values(response.content)[0];
  return media?.schema ?? null;
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
 * Checks a hub answer against the document: the status must be one the operation documents, and the body must be
 * empty where it documents none, else valid against the schema it documents.
 */
export function expectValidHubAnswer(method: string, path: string, status: number, body: unknown): void {
  const context = `${method} ${path} → ${status}`;
  const schema = responseSchemaFor(method, path, status);
  expect(schema, `${context}: docs/openapi.yaml does not document this status`).not.toBeUndefined();
  if (schema === null) {
    expect(isEmptyBody(body), `${context}: documented without a body, got ${JSON.stringify(body)}`).toBe(true);
    return;
  }
  const label = typeof schema!.$ref === 'string' ? schema!.$ref.replace(/^#\/components\/schemas\//, '') : 'body';
  expect(isEmptyBody(body), `${context}: the body must be a ${label}, got an empty body`).toBe(false);
  const { valid, errors } = run(compiled(`answer:${context}`, () => schema!), label, parsedBody(body));
  expect(valid, `${context}: not a valid ${label}:\n${errors}\nbody: ${JSON.stringify(body)}`).toBe(true);
}

/** expectValidHubAnswer for the POST of one of the five Electrum operations. */
export function expectValidHubResponse(path: ElectrumPath, status: number, body: unknown): void {
  expectValidHubAnswer('POST', `/qr/v1${path}`, status, body);
}
