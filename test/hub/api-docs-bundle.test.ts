import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../support/ports.js';
import { openApiDocument } from '../support/openapi.js';
import { hubConfigFor } from '../support/stack-config.js';
import { waitForHealth, writeConfig, type HubProcess } from '../support/hub-process.js';

// The bundled hub (dist/hub.mjs) as the packaged app runs it from app.asar.unpacked: outside the repository, with
// only the SQLite addon beside it, it still serves /openapi.json and /docs/ from dist/api-docs/.

const ROOT = join(import.meta.dirname, '..', '..');
const ADDON_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path'];

describe('the bundled hub serves its API description from dist/api-docs/', () => {
  let dir: string;
  let hub: HubProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-bundle-'));
    await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
      env: { ...process.env, QRTILL_BUILD_OUT: join(dir, 'dist') },
    });
    mkdirSync(join(dir, 'node_modules'));
    for (const name of ADDON_MODULES) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    const port = await freePort();
    const config = writeConfig(dir, hubConfigFor(port, await freePort(), join(dir, 'hub.sqlite')));
    const child = spawn(process.execPath, [join(dir, 'dist', 'hub.mjs'), '--config', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    hub = { child, output: () => output, exited: new Promise((resolve) => child.on('exit', resolve)) };
    url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, hub);
  }, 60_000);

  afterAll(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGTERM');
      await hub.exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /openapi.json with docs/openapi.yaml, and /docs/ with the viewer, from outside the repository', async () => {
    const document = await fetch(`${url}/openapi.json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    for (const path of ['/docs/', '/docs/init.js', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(200);
    }
    expect(hub!.output()).not.toContain('API description not installed');
  });

  it('electron-builder ships dist/api-docs/ unpacked, beside dist/hub.mjs', () => {
    const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack: string[] };
    expect(builder.files).toContain('dist/api-docs/**');
    expect(builder.asarUnpack).toContain('dist/api-docs/**');
    expect(builder.asarUnpack).toContain('dist/hub.mjs');
  });
});
