import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger.js';
import { startPartner, type RunningPartner } from '../../partner/server.js';
import { samplePaymentConfirmation, sampleCreateQrCodeRequest, samplePaymentRequest } from '../support/fixtures.js';
import { until } from '../support/flows.js';
import { call } from '../support/hub-client.js';
import { spawnHub, waitForHealth, writeConfig, type HubProcess } from '../support/hub-process.js';
import { freePort } from '../support/ports.js';
import { AUTH } from '../support/stack.js';
import { hubConfigFor, partnerConfigFor } from '../support/stack-config.js';

describe('crash recovery: kill -9 of the hub process', () => {
  let dir: string;
  let partner: RunningPartner;
  let configFile: string;
  let hubUrl: string;
  let hub: HubProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-crash-'));
    const [hubPort, partnerPort] = [await freePort(), await freePort()];
    partner = await startPartner(partnerConfigFor(partnerPort, hubPort), { logger: createLogger({ level: 'silent' }) });
    const config = hubConfigFor(hubPort, partnerPort, join(dir, 'hub.sqlite'), {
      timeouts: { scanWindowSeconds: 10, partnerSeconds: 10 }, saf: { retryInitialSeconds: 0.1, retryMaxSeconds: 0.5 },
    });
    configFile = writeConfig(dir, { ...config, log: { level: 'info' } });
    hubUrl = `http://127.0.0.1:${hubPort}`;
  });
  afterEach(async () => {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.exited;
    }
  });
  afterAll(async () => {
    await partner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startHubProcess(): Promise<void> {
    hub = spawnHub(configFile);
    await waitForHealth(hubUrl, hub);
  }

  async function crash(): Promise<void> {
    hub!.child.kill('SIGKILL');
    expect(await hub!.exited).toBeNull();
  }

  async function approvedPayment() {
    const created = await call(hubUrl + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
    const request = samplePaymentRequest(created.body.tranId);
    const paid = call(hubUrl + '/qr/v1/payments', { body: request, auth: AUTH.retailer });
    await until(async () => (await partner.scan({ qrPayload: created.body.qrCode })).status === 202, 'scan accepted');
    return { tranId: created.body.tranId as string, request, paid: await paid };
  }

  it('delivers an advice accepted (202) before the crash exactly once after the restart', async () => {
    await startHubProcess();
    const { tranId, request, paid } = await approvedPayment();
    expect(paid.status).toBe(201);
    partner.setBehaviour({ confirm: { mode: 'hang', times: 1 } });
    const accepted = await call(hubUrl + '/qr/v1/payments/confirmations', { body: samplePaymentConfirmation(request.id), auth: AUTH.retailer });
    expect(accepted.status).toBe(202);
    await until(() => partner.ledger.snapshot().counters.confirm.received === 1, 'advice sent before the crash');
    await crash();

    await startHubProcess();
    await until(() => partner.ledger.snapshot().counters.confirm.received === 2, 'advice resent after the restart');
    await until(async () => (await call(`${hubUrl}/hub/v1/transactions/${tranId}`, { auth: AUTH.retailer })).body.upstreamAdvice.state === 'delivered', 'delivered');
    const timeline = await call(`${hubUrl}/hub/v1/transactions/${tranId}`, { auth: AUTH.retailer });
    expect(timeline.body.events.filter((e: { type: string }) => e.type === 'advice.delivered')).toHaveLength(1);
    const ledger = partner.ledger.snapshot();
    expect(ledger.counters.confirm).toEqual({ received: 2, applied: 1 });
    const sent = partner.requests().filter((m) => m.operation === 'confirm').map((m) => (m.body as { id: string }).id);
    expect(new Set(sent).size).toBe(1);
    expect(timeline.body.state).toBe('CONFIRMED');
  });

  it('reverses upstream a payment whose forward was in flight when the hub died', async () => {
    await startHubProcess();
    partner.setBehaviour({ pay: { mode: 'hang', times: 1 } });
    const created = await call(hubUrl + '/qr/v1/qrCodes', { body: sampleCreateQrCodeRequest(), auth: AUTH.retailer });
    const tranId = created.body.tranId as string;
    const paid = call(hubUrl + '/qr/v1/payments', { body: samplePaymentRequest(tranId), auth: AUTH.retailer }).catch(() => 'connection lost');
    await until(async () => (await partner.scan({ qrPayload: created.body.qrCode })).status === 202, 'scan accepted');
    await until(() => partner.requests().some((m) => m.operation === 'pay' && (m.body as { tranId: string }).tranId === tranId), 'forwarded');
    await crash();
    expect(await paid).toBe('connection lost');

    await startHubProcess();
    await until(() => partner.requests().some((m) => m.operation === 'reverse' && (m.body as { tranId: string }).tranId === tranId), 'timeout reversal');
    const reversal = partner.requests().find((m) => m.operation === 'reverse' && (m.body as { tranId: string }).tranId === tranId)!;
    expect(reversal.body).toMatchObject({ reversalReason: 'TIMEOUT' });
  });
});
