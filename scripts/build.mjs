// Bundles the hub for running and packaging: dist/hub.mjs (main thread) and dist/writer-worker.mjs (its SQLite
// writer thread), with the migrations and the worker bootstrap beside them. better-sqlite3 stays a native dependency.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
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
