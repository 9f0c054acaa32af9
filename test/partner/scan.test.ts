import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildQrPayload, encodeTlv, newTranId, ScanNotification } from '../../protocol/index.js';
import { ScanError } from '../../partner/scanner.js';
import type { RunningPartner } from '../../partner/server.js';
import {
  basicAuth, call, PARTNER_AT_HUB, PROVIDER_ID, startFakeHub, startTestPartner, type FakeHub,
} from './helpers.js';

describe('scan control endpoint', () => {
  let hub: FakeHub;
  let partner: RunningPartner;

  beforeAll(async () => {
    hub = await startFakeHub();
    partner = await startTestPartner({ hub: { url: hub.url, ...PARTNER_AT_HUB, providerId: PROVIDER_ID } });
  });
  afterEach(() => {
    partner.reset();
    hub.scans.length = 0;
    hub.answer = { status: 202 };
  });
  afterAll(async () => {
    await partner.close();
    await hub.close();
  });

  const scan = (body: unknown) => call(`${partner.baseUrl}/demo/scan`, body, { auth: null });

  it('posts a valid ScanNotification to <hub>/scans with the partner Basic credentials', async () => {
    const tranId = newTranId();
    // The hub's template in tag 27 beside another provider's in 28: it must be found by provider id, not by tag.
    const otherTemplate = encodeTlv('00', 'za.co.mp') + encodeTlv('01', '5169175130');
    const qrPayload = buildQrPayload({ providerId: PROVIDER_ID, tranId, templateTag: 27,
      extraTags: [{ tag: '28', value: otherTemplate }, { tag: '52', value: '5411' }], withCrc: true });
    const answer = await scan({ qrPayload });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 202, tranId });
    expect(hub.scans).toHaveLength(1);
    const sent = hub.scans[0]!;
    expect(sent.authorization).toBe(basicAuth(PARTNER_AT_HUB));
    expect(sent.contentType).toMatch(/^application\/json/);
    const notification = ScanNotification.parse(sent.body);
    expect(notification.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(notification).toMatchObject({ tranId, partner: { id: 'demo-wallet', name: 'Demo Wallet' } });
    expect(notification.thirdPartyIdentifiers).toEqual([{ institutionId: 'demo-wallet',
      transactionIdentifier: expect.stringMatching(/^[A-Z0-9]+$/) }]);
    expect(notification.partnerPaymentToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(answer.body.notification).toEqual(sent.body);
  });

  it('issues a fresh token per scan, or the given one, or none', async () => {
    await partner.scan({ tranId: newTranId() });
    await partner.scan({ tranId: newTranId() });
    await partner.scan({ tranId: newTranId(), partnerPaymentToken: 'chosen-token' });
    await partner.scan({ tranId: newTranId(), omitToken: true });
    const tokens = hub.scans.map((s) => s.body.partnerPaymentToken);
    expect(tokens[0]).not.toEqual(tokens[1]);
    expect(tokens[2]).toBe('chosen-token');
    expect(hub.scans[3]!.body).not.toHaveProperty('partnerPaymentToken');
  });

  it('reports the hub decline with HTTP 200 from the control API', async () => {
    const decline = { id: 'abcdefabcdefabcdefab', errorType: 'INVALID_TRAN_ID', errorMessage: 'Unknown tranId' };
    hub.answer = { status: 400, body: decline };
    const answer = await scan({ tranId: 'f'.repeat(32) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 400, body: decline, tranId: 'f'.repeat(32) });
  });

  it('answers 400 to a QR payload it cannot read, or to a body without qrPayload or tranId', async () => {
    const otherProvider = buildQrPayload({ providerId: 'za.co.other', tranId: newTranId() });
    for (const body of [{ qrPayload: otherProvider }, { qrPayload: '0002013999' }, {}, { qrPayload: 'x', tranId: 'y' }]) {
      const answer = await scan(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual(expect.any(String));
    }
    expect(hub.scans).toEqual([]);
  });

  it('answers 502 when the hub cannot be reached, and programmatic scan() rejects with a ScanError', async () => {
    const deadHub = await startTestPartner({ hub: { url: 'http://127.0.0.1:1/qr/v1', ...PARTNER_AT_HUB, providerId: PROVIDER_ID } });
    try {
      const answer = await call(`${deadHub.baseUrl}/demo/scan`, { tranId: newTranId() }, { auth: null });
      expect(answer.status).toBe(502);
      expect(answer.body.error).toMatch(/hub unreachable/);
      await expect(deadHub.scan({ tranId: newTranId() })).rejects.toBeInstanceOf(ScanError);
    } finally {
      await deadHub.close();
    }
  });

  it('answers 502 when the hub does not answer within hubSeconds', async () => {
    const impatient = await startTestPartner({ hub: { url: hub.url, ...PARTNER_AT_HUB, providerId: PROVIDER_ID },
      timeouts: { hubSeconds: 0.2 } });
    hub.answer = { status: 202, delayMs: 1_000 };
    try {
      const answer = await call(`${impatient.baseUrl}/demo/scan`, { tranId: newTranId() }, { auth: null });
      expect(answer.status).toBe(502);
      expect(answer.body.error).toMatch(/outcome unknown/);
    } finally {
      await impatient.close();
    }
  });
});
