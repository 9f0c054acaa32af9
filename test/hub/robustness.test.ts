import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTranId, newUuid } from '../../protocol/index.js';
import {
  sampleCreateQrCodeRequest, samplePaymentConfirmation, samplePaymentRequest, samplePaymentReversal, sampleScanNotification,
} from '../support/fixtures.js';
import { call, type Credentials } from '../support/hub-client.js';
import { mutate, RAW_BODIES, seededRandom } from '../support/mutations.js';
import { AUTH, startStack, type Stack } from '../support/stack.js';
import { expectValidHubResponse } from '../support/openapi.js';

type Path = '/qrCodes' | '/scans' | '/payments' | '/payments/confirmations' | '/payments/reversals';

const OPERATIONS: { path: Path; auth: Credentials; sample: () => unknown }[] = [
  { path: '/qrCodes', auth: AUTH.retailer, sample: () => sampleCreateQrCodeRequest() },
  { path: '/scans', auth: AUTH.partner, sample: () => sampleScanNotification(newTranId(), { partner: { id: 'demo-wallet', name: 'Demo Wallet' } }) },
  { path: '/payments', auth: AUTH.retailer, sample: () => samplePaymentRequest(newTranId()) },
  { path: '/payments/confirmations', auth: AUTH.retailer, sample: () => samplePaymentConfirmation(newUuid()) },
  { path: '/payments/reversals', auth: AUTH.retailer, sample: () => samplePaymentReversal(newUuid(), 'TIMEOUT') },
];

const MUTATIONS_PER_OPERATION = 120;

describe('robustness: malformed and mutated bodies on every operation', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ timeouts: { scanWindowSeconds: 0.2, partnerSeconds: 0.2 } });
  });
  afterAll(async () => stack.close());

  for (const operation of OPERATIONS) {
    it(`answers ${operation.path} with no 5xx and a valid body for ${MUTATIONS_PER_OPERATION} mutations and ${RAW_BODIES.length} raw bodies`, async () => {
      const random = seededRandom(operation.path.length * 7919);
      const url = stack.hub.url + '/qr/v1' + operation.path;
      const seen = new Map<number, number>();
      const check = (status: number, body: unknown, sent: string) => {
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect(status, `body ${sent.slice(0, 200)}`).toBeLessThan(500);
        expectValidHubResponse(operation.path, status, body);
      };
      for (let i = 0; i < MUTATIONS_PER_OPERATION; i++) {
        const body = mutate(operation.sample(), random);
        const sent = JSON.stringify(body) ?? 'undefined';
        const answer = await call(url, { rawBody: sent, auth: operation.auth, headers: { 'content-type': 'application/json' } });
        check(answer.status, answer.body, sent);
      }
      for (const raw of RAW_BODIES) {
        const answer = await call(url, { rawBody: raw, auth: operation.auth, headers: { 'content-type': 'application/json' } });
        check(answer.status, answer.body, raw);
      }
      expect(seen.get(400) ?? 0).toBeGreaterThan(MUTATIONS_PER_OPERATION / 2);
    });
  }
});
