import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../../scripts/electron-binary.mjs';
import { startStack, type Stack } from '../../support/stack.js';
import { PASSWORDS } from '../../support/stack-config.js';

// The real Electron app, where an Electron binary exists. It cannot be downloaded on the machines this project is
// built on, so there this is the one test reported as not run, with the reason in its name.

const ROOT = join(import.meta.dirname, '..', '..', '..');

const binary = electronBinary(ROOT);
const REASON = 'not run: no Electron binary here (node_modules/electron/dist is missing and cannot be downloaded)';

let app: ElectronApplication | undefined;
let stack: Stack | undefined;
let dir: string | undefined;

afterAll(async () => {
  await app?.close();
  await stack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Electron till', () => {
  it.skipIf(!binary)(`opens a sandboxed window on the Sale screen with the till bridge and nothing else${binary ? '' : ` (${REASON})`}`, async () => {
    expect(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT }).status).toBe(0);
    stack = await startStack();
    dir = mkdtempSync(join(tmpdir(), 'qrtill-electron-'));
    const config = join(dir, 'till.json');
    writeFileSync(config, JSON.stringify({
      hub: { mode: 'remote', url: stack.hub.url, clientId: 'till-01', password: PASSWORDS.retailer },
      till: { terminalId: 'TILL0001', merchantId: '123456789012345', merchantName: 'Corner Grocer', merchantCity: 'Cape Town' },
    }));
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(ROOT, 'dist', 'electron', 'main.cjs')],
      env: { ...process.env, TILL_CONFIG: config, TILL_USER_DATA: join(dir, 'user-data') } as Record<string, string>,
    });
    const page = await app.firstWindow();
    await page.getByRole('textbox', { name: 'Amount', exact: true }).waitFor();
    const exposed = await page.evaluate('Object.keys(window.till ?? {}).sort().join(",")');
    expect(exposed).toBe('cancel,charge,dismiss,exportCsv,history,onEvent,saveSettings,snapshot,voidSale');
    expect(await page.evaluate('typeof require === "undefined" && typeof process === "undefined"')).toBe(true);
  });
});
