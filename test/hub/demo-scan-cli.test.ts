import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTranId, buildQrPayload } from '../../protocol/index.js';
import { HUB_NODE_FLAGS } from '../../scripts/hub-node-flags.mjs';
import { startStack, type Stack } from '../support/stack.js';

const ROOT = join(import.meta.dirname, '..', '..');

function runPartnerCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'partner', 'main.ts'), ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the demo story: npm run partner -- scan <payload> against the real hub', () => {
  let stack: Stack;
  let configFile: string;
  beforeAll(async () => {
    stack = await startStack({ timeouts: { scanWindowSeconds: 20 } });
    configFile = join(stack.dir, 'partner.json');
    writeFileSync(configFile, JSON.stringify(stack.partner.config));
  });
  afterAll(async () => stack.close());

  it('completes a held payment when the scan is accepted (exit 0), and exits non-zero with the errorType on a decline', async () => {
    const { tranId, qrCode } = await stack.createQr();
    const { answer } = stack.startPay(tranId);
    await stack.waitForState(tranId, 'AWAITING_SCAN');
    const accepted = await runPartnerCli(['scan', qrCode, '--config', configFile]);
    expect(accepted.code).toBe(0);
    expect((await answer).status).toBe(201);

    const unknown = buildQrPayload({ providerId: 'za.co.qrtill', tranId: newTranId() });
    const declined = await runPartnerCli(['scan', unknown, '--config', configFile]);
    expect(declined.code).not.toBe(0);
    expect(declined.output).toContain('INVALID_TRAN_ID');
  });

  it('runs the hub with the same V8 flags from npm run hub as the benchmark and npm start use', () => {
    const hubScript: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.hub;
    expect(hubScript).toContain(`node ${HUB_NODE_FLAGS.join(' ')} dist/hub.mjs`);
  });
});
