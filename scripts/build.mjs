// Bundles the hub for running and packaging: dist/hub.mjs (main thread) and dist/writer-worker.mjs (its SQLite
// writer thread), with the migrations and the worker bootstrap beside them. better-sqlite3 stays a native dependency.
// dist/api-docs/ gets what /openapi.json and /docs/ serve: docs/openapi.yaml as JSON and Swagger UI's files.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// QRTILL_BUILD_OUT builds elsewhere (the packaging-layout test runs the bundle outside the repository).
const out = process.env.QRTILL_BUILD_OUT ? resolve(process.env.QRTILL_BUILD_OUT) : join(root, 'dist');
const sqlite = join(root, 'hub', 'store', 'sqlite');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'tsx'],
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

mkdirSync(out, { recursive: true });
await build({ ...common, entryPoints: [join(root, 'hub', 'main.ts')], outfile: join(out, 'hub.mjs') });
await build({ ...common, entryPoints: [join(sqlite, 'writer-worker.ts')], outfile: join(out, 'writer-worker.mjs') });
cpSync(join(sqlite, 'writer-thread.mjs'), join(out, 'writer-thread.mjs'));
cpSync(join(sqlite, 'migrations'), join(out, 'migrations'), { recursive: true });

const apiDocs = join(out, 'api-docs');
const viewer = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
rmSync(apiDocs, { recursive: true, force: true });
mkdirSync(apiDocs);
writeFileSync(join(apiDocs, 'openapi.json'), JSON.stringify(parse(readFileSync(join(root, 'docs', 'openapi.yaml'), 'utf8'))));
// The two files the page loads (hub/http/api-docs.ts VIEWER_FILES), and the licence they come under.
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) cpSync(join(viewer, file), join(apiDocs, file));
