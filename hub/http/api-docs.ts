import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hub's OpenAPI document (as JSON) and the folder holding the viewer's files (swagger-ui-bundle.js, swagger-ui.css). */
export interface ApiDocs {
  document: unknown;
  viewerDir: string;
}

/** The viewer files the /docs/ page loads; scripts/build.mjs copies exactly these into dist/api-docs/. */
export const VIEWER_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Finds the document and the viewer. Bundled (dist/hub.mjs, also inside the packaged app's app.asar.unpacked),
 * scripts/build.mjs has put both in dist/api-docs/ beside the bundle. From source (tests, tsx), the document is
 * docs/openapi.yaml and the viewer comes from node_modules/swagger-ui-dist. Undefined when neither is there.
 */
export function locateApiDocs(): ApiDocs | undefined {
  located ??= { docs: find() };
  return located.docs;
}

// Found once per process: every hub a test starts shares the same read-only document.
let located: { docs: ApiDocs | undefined } | undefined;

function find(): ApiDocs | undefined {
  const built = join(here, 'api-docs');
  if (existsSync(join(built, 'openapi.json'))) {
    return { document: JSON.parse(readFileSync(join(built, 'openapi.json'), 'utf8')), viewerDir: built };
  }
  const source = resolve(here, '..', '..', 'docs', 'openapi.yaml');
  if (!existsSync(source)) return undefined;
  // Loaded only from source, where the dev dependencies are installed; the bundle never reaches this line.
  const load = createRequire(import.meta.url);
  const yaml = load('yaml') as { parse: (text: string) => unknown };
  return {
    document: yaml.parse(readFileSync(source, 'utf8')),
    viewerDir: dirname(load.resolve('swagger-ui-dist/package.json')),
  };
}
