import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  CreateQrCodeRequest, PaymentConfirmation, PaymentRequest, PaymentReversal, ScanNotification,
} from '../../protocol/index.js';
import type { ClientRegistry, Role } from '../auth/client-registry.js';
import { HubError } from '../errors.js';
import { authenticate, authenticatedClient } from '../http/authenticate.js';
import { jsonBody } from '../http/json-body.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { parseBody } from '../http/parse-body.js';
import type { AdviceService } from '../services/advice-service.js';
import type { Answer } from '../services/answers.js';
import type { PaymentService } from '../services/payment-service.js';
import type { QrCodeService } from '../services/qr-code-service.js';
import type { ScanService } from '../services/scan-service.js';

export interface QrRouteDeps {
  registry: ClientRegistry;
  qrCodes: QrCodeService;
  payments: PaymentService;
  scans: ScanService;
  advices: AdviceService;
}

function send(res: Response, answer: Answer): void {
  if (answer.body === undefined) sendEmpty(res, answer.status);
  else sendJson(res, answer.status, answer.body);
}

/** A POS request's client.id must be the authenticated user name (docs/protocol.md §1). */
function requireOwnClient(req: Request, client: { id: string }, ids: { originalId: string; tranId?: string }): void {
  if (authenticatedClient(req).id !== client.id) {
    throw new HubError(403, 'FUNCTION_NOT_SUPPORTED', 'client.id is not the authenticated user', ids);
  }
}

interface Operation {
  role: Extract<Role, 'retailer' | 'partner'>;
  handle: (req: Request, res: Response, next: NextFunction) => unknown;
}

/**
 * The five operations of the Electrum QR interface, mounted at /qr/v1. Every request of the hub's hot path comes
 * through here, so it dispatches by exact path (no trailing slashes, POST only) instead of walking a router.
 */
export function qrRoutes(deps: QrRouteDeps): RequestHandler {
  const operations = new Map<string, Operation>([
    ['/qrCodes', { role: 'retailer', handle: async (req, res) => {
      const request = parseBody(CreateQrCodeRequest, req);
      requireOwnClient(req, request.client, { originalId: request.id });
      sendJson(res, 201, await deps.qrCodes.create(request, request.client.id));
    } }],
    // Not async: a held pay call lives for the whole scan window, so it keeps no suspended frame, only the response.
    ['/payments', { role: 'retailer', handle: (req, res, next) => {
      const request = parseBody(PaymentRequest, req);
      requireOwnClient(req, request.client, { originalId: request.id, tranId: request.tranId });
      deps.payments.pay(request, request.client.id).then((answer) => send(res, answer), next);
    } }],
    ['/scans', { role: 'partner', handle: async (req, res) => {
      const scan = parseBody(ScanNotification, req);
      send(res, await deps.scans.notify(scan, authenticatedClient(req).id));
    } }],
    ['/payments/confirmations', { role: 'retailer', handle: async (req, res) => {
      const advice = parseBody(PaymentConfirmation, req);
      send(res, await deps.advices.receive('confirmation', advice, authenticatedClient(req).id));
    } }],
    ['/payments/reversals', { role: 'retailer', handle: async (req, res) => {
      const advice = parseBody(PaymentReversal, req);
      send(res, await deps.advices.receive('reversal', advice, authenticatedClient(req).id));
    } }],
  ]);
  const guards = { retailer: authenticate(deps.registry, ['retailer']), partner: authenticate(deps.registry, ['partner']) };
  const readBody = jsonBody();

  return (req, res, next) => {
    const operation = req.method === 'POST' ? operations.get(req.path) : undefined;
    if (!operation) return next();
    guards[operation.role](req, res, (authError?: unknown) => {
      if (authError) return next(authError);
      readBody(req, res, (bodyError?: unknown) => {
        if (bodyError) return next(bodyError);
        try {
          Promise.resolve(operation.handle(req, res, next)).catch(next);
        } catch (error) {
          next(error);
        }
      });
    });
  };
}
