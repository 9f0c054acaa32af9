// electron-builder's afterPack hook (electron-builder.yml): runs on the unpacked app before any installer is made
// from it. Puts in the Electron-ABI better-sqlite3 that scripts/package.mjs compiled (QRTILL_ELECTRON_ADDON), then
// refuses an addon of any other ABI: the packaged hub runs under Electron-as-Node and could not open its database.
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** The NODE_MODULE_VERSION a native addon was compiled for (its exported node_register_module_vN symbol). */
export function addonAbi(file) {
  return readFileSync(file).toString('latin1').match(/node_register_module_v(\d+)/)?.[1];
}

/** The NODE_MODULE_VERSION of an Electron release, from the node-abi table @electron/rebuild itself uses. */
export function electronAbi(version) {
  const rebuild = createRequire(import.meta.url).resolve('@electron/rebuild');
  return createRequire(rebuild)('node-abi').getAbi(version, 'electron');
}

export default function afterPack(context) {
  const resources = context.packager.getResourcesDir(context.appOutDir);
  const addon = join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (process.env.QRTILL_ELECTRON_ADDON) copyFileSync(process.env.QRTILL_ELECTRON_ADDON, addon);
  const version = context.packager.config.electronVersion;
  const have = addonAbi(addon);
  const want = electronAbi(version);
  if (have === want) return;
  const problem = `${addon} is built for NODE_MODULE_VERSION ${have}; Electron ${version} needs ${want}, so the packaged `
    + 'hub could not open its database. Package with QRTILL_ELECTRON_REBUILD=1 (docs/packaging.md).';
  if (process.env.QRTILL_ALLOW_WRONG_ABI !== '1') throw new Error(problem);
  console.warn(`  • QRTILL_ALLOW_WRONG_ABI=1: packaging anyway, for checking the layout only. ${problem}`);
}
