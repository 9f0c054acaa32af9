// `npm run package`: electron-builder on the built dist/ (the npm script builds it first); arguments go on to
// electron-builder, e.g. `npm run package -- --linux deb`. With QRTILL_ELECTRON_REBUILD=1, better-sqlite3 is first
// compiled for Electron's ABI in a copy under release/, so node_modules keeps the Node build that `npm test` needs;
// scripts/after-pack.mjs then puts that copy into the app.
import { rebuild } from '@electron/rebuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { addonAbi, electronAbi } from './after-pack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = join(root, 'electron-builder.yml');
const { electronVersion } = parse(readFileSync(config, 'utf8'));
const env = { ...process.env };

if (process.env.QRTILL_ELECTRON_REBUILD === '1') {
  const stage = join(root, 'release', 'electron-abi');
  const module = join(stage, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8'));
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(dirname(module), { recursive: true });
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'electron-abi', private: true, dependencies: { 'better-sqlite3': version } }));
  cpSync(join(root, 'node_modules', 'better-sqlite3'), module, { recursive: true });
  // A nodedir (npm config, e.g. nodedir=/usr in ~/.npmrc) makes node-gyp compile against Node's own headers: the
  // rebuild then "succeeds" with Node's ABI. Without it, node-gyp fetches Electron's headers.
  delete process.env.npm_config_nodedir;
  delete process.env.NPM_CONFIG_NODEDIR;
  const want = electronAbi(electronVersion);
  console.log(`  • rebuilding better-sqlite3 ${version} for Electron ${electronVersion} (NODE_MODULE_VERSION ${want})`);
  await rebuild({ buildPath: stage, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  const addon = join(module, 'build', 'Release', 'better_sqlite3.node');
  const have = addonAbi(addon);
  if (have !== want) throw new Error(`the rebuilt ${addon} has NODE_MODULE_VERSION ${have}, not ${want}`);
  env.QRTILL_ELECTRON_ADDON = addon;
}

const builder = createRequire(import.meta.url).resolve('electron-builder/cli.js');
const result = spawnSync(process.execPath, [builder, '--config', config, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
