import express, { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import type { Logger } from '../common/logger.js';
import {
  errorDetail, nowIso, PaymentConfirmation, PaymentRequest, PaymentReversal, type ErrorDetailExtras, type Institution,
} from '../protocol/index.js';
import { requireBasicAuth, type ClientCredentials } from './basic-auth.js';
import { secretsEqual } from './constant-time.js';
import type { BehaviourSwitchboard, PartnerOperation } from './behaviour.js';
import { behaviourAnswer, errorAnswer, errorDetailHandler, requireJsonBody, type Answer } from './error-responses.js';
import type { LedgerFailure, WalletLedger } from './ledger.js';
import { buildPaymentResponse } from './payment-response.js';
import type { PendingWork } from './pending-work.js';
import { newReference } from './references.js';
import type { RequestLog } from './request-log.js';

// The three operations the hub calls on a partner (basePath /qr/v1): pay, confirmPayment, reversePayment.

export interface OperationsDeps {
  partner: Institution;
  clients: readonly ClientCredentials[];
  ledger: WalletLedger;
  behaviours: BehaviourSwitchboard;
  requestLog: RequestLog;
  pending: PendingWork;
  issuedToken: (tranId: string) => string | undefined;
  logger: Logger;
}

export function partnerOperationsRouter(deps: OperationsDeps): Router {
  const router = Router();
  const jsonBody = [requireJsonBody, express.json({ limit: '1mb' })];
  router.use(requireBasicAuth(deps.clients));
  router.post('/payments', ...jsonBody, operation(deps, 'pay', PaymentRequest, pay));
  router.post('/payments/confirmations', ...jsonBody, operation(deps, 'confirm', PaymentConfirmation, confirm));
  router.post('/payments/reversals', ...jsonBody, operation(deps, 'reverse', PaymentReversal, reverse));
  router.use((_req, res) => {
    res.status(404).json(errorDetail('FUNCTION_NOT_SUPPORTED', 'No such operation'));
  });
  router.use(errorDetailHandler(deps.logger));
  return router;
}

type Act<T> = (deps: OperationsDeps, message: T, now: string) => Answer;

function operation<S extends z.ZodType>(deps: OperationsDeps, name: PartnerOperation, schema: S, act: Act<z.infer<S>>) {
  return async (req: Request, res: Response): Promise<void> => {
    const entry = deps.requestLog.record(name, req.body, nowIso());
    const reply = (answer: Answer) => {
      entry.response = answer.body === undefined ? { status: answer.status } : { status: answer.status, body: answer.body };
      if (answer.body === undefined) res.status(answer.status).end();
      else res.status(answer.status).json(answer.body);
    };
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
      deps.logger.warn('invalid message', { operation: name, issues });
      reply(errorAnswer(400, 'FORMAT_ERROR', 'Message fails the schema', { detailMessage: { issues } }));
      return;
    }
    const message = parsed.data as z.infer<S>;
    deps.ledger.noteReceived(name);
    const behaviour = deps.behaviours.take(name);
    if (behaviour.delayMs && !(await deps.pending.delay(behaviour.delayMs))) return;
    const context = contextOf(message as Record<string, unknown>);
    if (behaviour.mode === 'hang') {
      deps.logger.info('hanging on purpose', { operation: name, tranId: context.tranId });
      deps.pending.hang(res);
      return;
    }
    if (behaviour.mode !== 'approve') {
      const answer = behaviourAnswer(behaviour, context);
      deps.logger.info('answering by behaviour switch', { operation: name, mode: behaviour.mode, status: answer.status,
        tranId: context.tranId });
      reply(answer);
      return;
    }
    reply(act(deps, message, nowIso()));
  };
}

/** ErrorDetail.originalId is the failed request's id; for an advice, its requestId (docs/protocol.md §9). */
function contextOf(message: Record<string, unknown>): ErrorDetailExtras {
  const originalId = typeof message.requestId === 'string' ? message.requestId : message.id;
  return {
    originalId: typeof originalId === 'string' ? originalId : undefined,
    tranId: typeof message.tranId === 'string' ? message.tranId : undefined,
  };
}

const failureAnswer = (failure: LedgerFailure, extras: ErrorDetailExtras): Answer =>
  failure.withoutBody ? { status: failure.status } : errorAnswer(failure.status, failure.errorType, failure.message, extras);

const pay: Act<PaymentRequest> = (deps, request, now) => {
  const extras = { originalId: request.id, tranId: request.tranId };
  const issued = deps.issuedToken(request.tranId);
  if (issued !== undefined && !secretsEqual(issued, request.partnerPaymentToken)) {
    deps.logger.warn('payment token missing or not the one issued', { tranId: request.tranId, paymentId: request.id });
    return errorAnswer(400, 'DO_NOT_HONOR', 'Payment token mismatch', extras);
  }
  const walletRef = newReference('DW');
  const reserved = deps.ledger.reserve(
    { paymentId: request.id, tranId: request.tranId, walletRef, requestAmount: request.amounts.requestAmount },
    now,
  );
  if (!reserved.ok) {
    deps.logger.info('payment declined', { tranId: request.tranId, paymentId: request.id,
      errorType: reserved.failure.errorType });
    return failureAnswer(reserved.failure, extras);
  }
  const { amount, currency } = reserved.value;
  deps.logger.info('payment approved', { tranId: request.tranId, paymentId: request.id, walletRef, amount, currency });
  const approvedAmount = { ...request.amounts.requestAmount, amount, currency };
  return { status: 201, body: buildPaymentResponse(request, { partner: deps.partner, walletRef, approvedAmount, now }) };
};

const confirm: Act<PaymentConfirmation> = (deps, advice, now) => {
  const result = deps.ledger.capture(advice, now);
  const log = { adviceId: advice.id, requestId: advice.requestId, tranId: advice.tranId };
  if (!result.ok) {
    deps.logger.info('confirmation refused', { ...log, status: result.failure.status, errorType: result.failure.errorType });
    return failureAnswer(result.failure, { originalId: advice.requestId, tranId: advice.tranId });
  }
  deps.logger.info(result.value.applied ? 'payment captured' : 'confirmation already applied', log);
  return { status: 202, body: result.value.echo };
};

const reverse: Act<PaymentReversal> = (deps, advice, now) => {
  const result = deps.ledger.release(advice, now);
  const log = { adviceId: advice.id, requestId: advice.requestId, tranId: advice.tranId, reason: advice.reversalReason };
  if (!result.ok) {
    deps.logger.info('reversal refused', { ...log, status: result.failure.status, errorType: result.failure.errorType });
    return failureAnswer(result.failure, { originalId: advice.requestId, tranId: advice.tranId });
  }
  deps.logger.info(result.value.applied ? 'payment released' : 'reversal already applied', log);
  return { status: 202, body: result.value.echo };
};
