import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildQrPayload, newTranId } from '../../protocol/index.js';
import type { RunningPartner } from '../../partner/server.js';
import { PARTNER_AT_HUB, partnerConfig, PROVIDER_ID, startFakeHub, startTestPartner, type FakeHub } from './helpers.js';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// The CLI runs as its own process (as `npm run partner` would); the partner it talks to runs in this test process.
function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'partner/main.ts', ...args], { cwd: process.cwd(), timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

describe('partner CLI', () => {
  let hub: FakeHub;
  let partner: RunningPartner;
  let dir: string;
  let configFile: string;

  const writeConfig = (name: string, value: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'partner-cli-'));
    hub = await startFakeHub();
    const hubConfig = { url: hub.url, ...PARTNER_AT_HUB, providerId: PROVIDER_ID };
    partner = await startTestPartner({ hub: hubConfig });
    const port = Number(new URL(partner.baseUrl).port);
    configFile = writeConfig('partner.json', partnerConfig({ listen: { host: '127.0.0.1', port }, hub: hubConfig }));
  });
  afterEach(() => {
    hub.answer = { status: 202 };
    partner.reset();
  });
  afterAll(async () => {
    await partner.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scan exits 0 when the hub answers 202, having made the running partner send the scan', async () => {
    const tranId = newTranId();
    const run = await runCli(['scan', buildQrPayload({ providerId: PROVIDER_ID, tranId }), '--config', configFile]);
    expect(run.stderr).toBe('');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('202');
    expect(run.stdout).toContain(tranId);
    expect(hub.scans.at(-1)!.body.tranId).toBe(tranId);
  });

  it('scan exits 1 and prints the errorType when the hub declines', async () => {
    hub.answer = { status: 400, body: { id: 'e1', errorType: 'UNABLE_TO_LOCATE_RECORD', errorMessage: 'No payment waiting' } };
    const run = await runCli(['scan', buildQrPayload({ providerId: PROVIDER_ID, tranId: newTranId() }), '--config', configFile]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('UNABLE_TO_LOCATE_RECORD');
  });

  it('scan exits 3 with a clear message when the partner server is not running', async () => {
    const stopped = await startTestPartner();
    const port = Number(new URL(stopped.baseUrl).port);
    await stopped.close();
    const file = writeConfig('stopped.json', partnerConfig({ listen: { host: '127.0.0.1', port } }));
    const run = await runCli(['scan', buildQrPayload({ providerId: PROVIDER_ID, tranId: newTranId() }), '--config', file]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/partner server not reachable.*ECONNREFUSED.*running/);
  });

  it('scan exits 2 when the QR payload is not the hub\'s', async () => {
    const scansBefore = hub.scans.length;
    const run = await runCli(['scan', buildQrPayload({ providerId: 'za.co.other', tranId: newTranId() }), '--config', configFile]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('QR payload not readable');
    expect(hub.scans).toHaveLength(scansBefore);
  });

  it('behaviour changes the running partner', async () => {
    const run = await runCli(['behaviour', 'pay', 'decline', 'INSUFFICIENT_FUNDS', '--times', '2', '--config', configFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(partner.behaviour().pay).toEqual({ mode: 'decline', errorType: 'INSUFFICIENT_FUNDS', times: 2 });
  });

  it('exits 2 naming the bad key when the config is invalid', async () => {
    const file = writeConfig('bad.json', { ...partnerConfig(), listen: { host: '127.0.0.1', port: 'eighty' } });
    const run = await runCli(['--config', file]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('listen.port');
  });
});
