import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger.js';
import { parseHubConfig } from '../../hub/config.js';
import { startHub, type RunningHub } from '../../hub/hub.js';
import { basicAuthHeader } from '../../common/http-json.js';
import { sampleCreateQrCodeRequest } from '../support/fixtures.js';
import { freePort } from '../support/ports.js';
import { AUTH } from '../support/stack.js';
import { hubConfigFor } from '../support/stack-config.js';

function post(url: string, ca: Buffer, body: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = https.request(url, {
      method: 'POST', ca,
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(AUTH.retailer) },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

describe('optional TLS', () => {
  let dir: string;
  let hub: RunningHub;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'));
    const raw = { ...hubConfigFor(await freePort(), 9, 'hub.sqlite'), tls: { cert: 'cert.pem', key: 'key.pem' } };
    hub = await startHub(parseHubConfig(raw, dir), { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the operations over HTTPS with the configured certificate, paths relative to the config folder', async () => {
    expect(hub.url).toMatch(/^https:\/\//);
    const created = await post(`${hub.url}/qr/v1/qrCodes`, cert, sampleCreateQrCodeRequest());
    expect(created.status).toBe(201);
    expect(created.body.tranId).toMatch(/^[0-9a-f]{32}$/);
  });
});
