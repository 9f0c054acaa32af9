import { postJson, type HttpOutcome } from '../../common/http-json.js';
import type { Logger } from '../../common/logger.js';
import {
  ErrorDetail, PaymentResponse, isErrorType, type ErrorType, type PaymentConfirmation, type PaymentRequest,
  type PaymentReversal,
} from '../../protocol/index.js';
import type { PartnerConfig } from '../config.js';

// The hub as a client of its partners: Basic auth, a bounded wait, and answers sorted by what the hub must do next.

/** How the partner answered a pay, and how long its round trip took (for the timeline and the benchmark). */
export type PayResult = (
  | { kind: 'approved'; response: PaymentResponse }
  | { kind: 'declined'; errorType: ErrorType; status: number; provider: { code?: string; message?: string; ref?: string } }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'unknown'; reversalReason: 'TIMEOUT' | 'RESPONSE_NOT_FINAL'; reason: string }
) & { partnerMs?: number };

export type AdviceResult = { kind: 'done'; status: number } | { kind: 'alert'; status: number } | { kind: 'retry'; reason: string };

export class PartnerClient {
  constructor(private readonly logger: Logger) {}

  async pay(partner: PartnerConfig, request: PaymentRequest, timeoutMs: number): Promise<PayResult> {
    const started = performance.now();
    const outcome = await this.post(partner, '/payments', request, timeoutMs);
    const partnerMs = Math.round((performance.now() - started) * 1000) / 1000;
    const result = classifyPay(outcome, request);
    this.logger.info('partner pay answered', { partner: partner.id, tranId: request.tranId, result: result.kind, status: statusOf(outcome), partnerMs });
    return { ...result, partnerMs };
  }

  async advise(partner: PartnerConfig, kind: 'confirmation' | 'reversal', advice: PaymentConfirmation | PaymentReversal,
    timeoutMs: number): Promise<AdviceResult> {
    const path = kind === 'confirmation' ? '/payments/confirmations' : '/payments/reversals';
    const outcome = await this.post(partner, path, advice, timeoutMs);
    return classifyAdvice(kind, outcome);
  }

  private post(partner: PartnerConfig, path: string, body: unknown, timeoutMs: number): Promise<HttpOutcome> {
    return postJson(partner.url.replace(/\/+$/, '') + path, body, {
      auth: { username: partner.username, password: partner.password },
      timeoutMs,
    });
  }
}

function statusOf(outcome: HttpOutcome): number | string {
  return outcome.kind === 'response' ? outcome.status : outcome.kind;
}

/** docs/protocol.md §6.8 and §6.10: approved, a final decline, unreachable (final, nothing sent), or unknown (reverse). */
export function classifyPay(outcome: HttpOutcome, request: PaymentRequest): PayResult {
  if (outcome.kind === 'not-sent') return { kind: 'unavailable', reason: outcome.code };
  if (outcome.kind === 'timeout') return { kind: 'unknown', reversalReason: 'TIMEOUT', reason: 'timeout' };
  if (outcome.kind === 'broken') return { kind: 'unknown', reversalReason: 'TIMEOUT', reason: outcome.code };
  const { status, body } = outcome;
  if (status >= 200 && status < 300) {
    const parsed = PaymentResponse.safeParse(body);
    if (parsed.success && parsed.data.tranId === request.tranId) return { kind: 'approved', response: parsed.data };
    return { kind: 'unknown', reversalReason: 'RESPONSE_NOT_FINAL', reason: `unusable ${status} body` };
  }
  if (status === 500 || status === 504) return { kind: 'unknown', reversalReason: 'RESPONSE_NOT_FINAL', reason: `status ${status}` };
  if (status === 501 || status === 503 || status === 401 || status === 403) return { kind: 'unavailable', reason: `status ${status}` };
  if (status >= 500) return { kind: 'unknown', reversalReason: 'RESPONSE_NOT_FINAL', reason: `status ${status}` };
  const detail = ErrorDetail.safeParse(body);
  const errorType = detail.success && isErrorType(detail.data.errorType) ? detail.data.errorType : 'DECLINED_BY_PARTNER';
  const provider = detail.success
    ? { code: detail.data.providerErrorCode, message: detail.data.providerErrorMsg, ref: detail.data.providerRef }
    : {};
  return { kind: 'declined', errorType, status, provider };
}

/** The partner answer table of docs/protocol.md §8. */
export function classifyAdvice(kind: 'confirmation' | 'reversal', outcome: HttpOutcome): AdviceResult {
  if (outcome.kind !== 'response') return { kind: 'retry', reason: outcome.kind === 'timeout' ? 'timeout' : outcome.code };
  const { status } = outcome;
  if (status >= 200 && status < 300) return { kind: 'done', status };
  if (status === 404) return kind === 'reversal' ? { kind: 'done', status } : { kind: 'alert', status };
  // Credentials or throttling problems are fixed by an operator; resending an advice is harmless.
  if (status >= 500 || status === 401 || status === 403 || status === 408 || status === 429) return { kind: 'retry', reason: `status ${status}` };
  return { kind: 'alert', status };
}
