import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Where the `electron` package would find its executable, without its side effect: requiring `electron` outside the
// Electron runtime tries to download the binary (impossible on machines without GitHub access) and throws.

/** The Electron executable under `root`'s node_modules, or undefined when it is not installed. */
export function electronBinary(root) {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
