// Bundles the Electron side: dist/electron/main.cjs (main process) and dist/electron/preload.cjs (the sandboxed
// preload, which cannot require local files, so everything it uses must be inside the one file), plus
// dist/partner.mjs, the demo partner a packaged app runs with Electron as Node (development runs partner/main.ts
// through tsx). The hub bundle comes from scripts/build.mjs. Only `electron` stays outside the Electron bundles;
// the main process loads no native module (better-sqlite3 lives in the hub's own process).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'electron');
const electron = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  logLevel: 'warning',
};

mkdirSync(out, { recursive: true });
await build({
  ...electron,
  entryPoints: [join(root, 'electron', 'main', 'main.ts')],
  outfile: join(out, 'main.cjs'),
  sourcemap: 'linked',
});
await build({
  ...electron,
  entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
  outfile: join(out, 'preload.cjs'),
});
await build({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  entryPoints: [join(root, 'partner', 'main.ts')],
  outfile: join(root, 'dist', 'partner.mjs'),
});
