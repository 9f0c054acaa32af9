import { expect } from 'vitest';
import { samplePaymentConfirmation } from './fixtures.js';
import type { HttpAnswer } from './hub-client.js';
import { AUTH, type Stack } from './stack.js';
import { expectSchemaValid, expectValidHubResponse } from './openapi.js';

// Multi-step flows shared by the hub's integration tests.

/** Polls a condition (a connection dropped by a restarting hub counts as "not yet"). */
export async function until(check: () => boolean | Promise<boolean>, what: string, tries = 500): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

/** create → pay → scan at the demo partner → the pay answer. */
export async function payAndScan(stack: Stack) {
  const { tranId, qrCode } = await stack.createQr();
  const { request, answer } = stack.startPay(tranId);
  await stack.waitForState(tranId, 'AWAITING_SCAN');
  const scan = await stack.partner.scan({ qrPayload: qrCode });
  const paid = await answer;
  return { tranId, qrCode, request, scan, paid };
}

/** A payment approved by the partner (201 relayed to the POS). */
export async function approvedPayment(stack: Stack) {
  const flow = await payAndScan(stack);
  expect(flow.paid.status).toBe(201);
  return flow;
}

export async function confirm(stack: Stack, requestId: string, overrides = {}): Promise<HttpAnswer> {
  return stack.post('/qr/v1/payments/confirmations', samplePaymentConfirmation(requestId, overrides));
}

/** The hub's store-and-forward queue holds nothing pending for `tranId` (delivered, refused, or never queued). */
export async function hubQueueSettled(stack: Stack, tranId: string): Promise<void> {
  await until(async () => !(await stack.get('/hub/v1/saf', AUTH.admin)).body
    .some((advice: { tranId: string; state: string }) => advice.tranId === tranId && advice.state === 'pending'),
  `nothing of ${tranId} queued at the hub`);
}

/**
 * The positive end before counting what went upstream for `tranId`: the hub's queue holds nothing pending for it, and
 * a confirmation of a new payment, queued after it, has been delivered since (so the worker has been through its
 * queue). The partner must approve pay and confirm by then.
 */
export async function upstreamSettled(stack: Stack, tranId: string): Promise<void> {
  await hubQueueSettled(stack, tranId);
  const later = await approvedPayment(stack);
  expect((await confirm(stack, later.request.id)).status).toBe(202);
  await until(async () => (await stack.get(`/hub/v1/transactions/${later.tranId}`)).body.upstreamAdvice?.state === 'delivered',
    'a later advice delivered');
}

export function expectError(answer: HttpAnswer, path: Parameters<typeof expectValidHubResponse>[0], status: number,
  errorType: string, ids: { originalId?: string; tranId?: string } = {}): void {
  expect({ status: answer.status, errorType: answer.body?.errorType }).toEqual({ status, errorType });
  expectValidHubResponse(path, status, answer.body);
  if (ids.originalId !== undefined) expect(answer.body.originalId).toBe(ids.originalId);
  if (ids.tranId !== undefined) expect(answer.body.tranId).toBe(ids.tranId);
}

export async function timelineState(stack: Stack, tranId: string): Promise<string> {
  return (await stack.get(`/hub/v1/transactions/${tranId}`)).body.state;
}

const DEFINITION_OF: Record<string, string> = { pay: 'PaymentRequest', confirm: 'PaymentConfirmation', reverse: 'PaymentReversal' };

/** Every message the demo partner received from the hub so far validates against docs/openapi.yaml. */
export function expectUpstreamMessagesValid(stack: Stack): void {
  for (const message of stack.partner.requests()) expectSchemaValid(DEFINITION_OF[message.operation]!, message.body);
}
