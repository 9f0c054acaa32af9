import { z } from 'zod';
import { postJson } from '../common/http-json.js';
import type { Logger } from '../common/logger.js';
import {
  newUuid, nowIso, parseQrPayload, QrFormatError, type Institution, type ScanNotification,
} from '../protocol/index.js';
import { newPaymentToken, newReference } from './references.js';

// Plays the customer's app: turns a scanned QR payload into a ScanNotification to the hub, and remembers the token it
// issued so the PaymentRequest that follows can be checked against it.

export const ScanInput = z
  .object({
    qrPayload: z.string().min(1).optional(),
    tranId: z.string().min(1).max(99).optional(),
    /** Sent instead of a fresh random token. */
    partnerPaymentToken: z.string().min(1).optional(),
    /** Send no token at all (and expect none in the PaymentRequest). */
    omitToken: z.boolean().optional(),
  })
  .strict()
  .refine((input) => (input.qrPayload === undefined) !== (input.tranId === undefined), {
    message: 'give exactly one of qrPayload or tranId',
  });
export type ScanInput = z.infer<typeof ScanInput>;

export interface ScanOutcome {
  /** The hub's HTTP status (202 when it accepted the scan). */
  status: number;
  /** The hub's answer body, if any (an ErrorDetail when it declined). */
  body: unknown;
  tranId: string;
  /** The ScanNotification as sent, token included. */
  notification: ScanNotification;
}

/** The scan could not be attempted (400) or the hub could not be reached or did not answer (502). */
export class ScanError extends Error {
  constructor(readonly status: 400 | 502, message: string) {
    super(message);
  }
}

export interface ScannerDeps {
  partner: Institution;
  hub: { url: string; username: string; password: string; providerId: string };
  timeoutMs: number;
  logger: Logger;
}

export class Scanner {
  private tokens = new Map<string, string>();

  constructor(private readonly deps: ScannerDeps) {}

  /** The token this partner sent with its scan of `tranId`, if it sent one. */
  issuedToken(tranId: string): string | undefined {
    return this.tokens.get(tranId);
  }

  async scan(input: ScanInput): Promise<ScanOutcome> {
    const parsed = ScanInput.safeParse(input);
    if (!parsed.success) throw new ScanError(400, parsed.error.issues.map((issue) => issue.message).join('; '));
    const tranId = this.tranIdOf(parsed.data);
    const notification = this.notificationFor(tranId, parsed.data);
    // Recorded before sending: the hub may forward the PaymentRequest before its 202 reaches us.
    if (notification.partnerPaymentToken === undefined) this.tokens.delete(tranId);
    else this.tokens.set(tranId, notification.partnerPaymentToken);

    const url = `${this.deps.hub.url.replace(/\/+$/, '')}/scans`;
    const outcome = await postJson(url, notification, {
      auth: { username: this.deps.hub.username, password: this.deps.hub.password },
      timeoutMs: this.deps.timeoutMs,
    });
    const log = { tranId, scanId: notification.id, hub: url };
    switch (outcome.kind) {
      case 'response': {
        const errorType = (outcome.body as { errorType?: unknown } | undefined)?.errorType;
        this.deps.logger.info('scan notification answered', { ...log, status: outcome.status, errorType });
        return { status: outcome.status, body: outcome.body, tranId, notification };
      }
      case 'not-sent':
        this.deps.logger.warn('hub unreachable for scan', { ...log, code: outcome.code });
        throw new ScanError(502, `hub unreachable at ${url} (${outcome.code})`);
      case 'timeout':
        this.deps.logger.warn('hub did not answer the scan in time', log);
        throw new ScanError(502, `hub did not answer within ${this.deps.timeoutMs} ms; outcome unknown`);
      case 'broken':
        this.deps.logger.warn('connection to the hub broke during scan', { ...log, code: outcome.code });
        throw new ScanError(502, `connection to the hub broke (${outcome.code}); outcome unknown`);
    }
  }

  reset(): void {
    this.tokens.clear();
  }

  private tranIdOf(input: ScanInput): string {
    if (input.tranId !== undefined) return input.tranId;
    try {
      return parseQrPayload(input.qrPayload ?? '', this.deps.hub.providerId).tranId;
    } catch (error) {
      if (error instanceof QrFormatError) throw new ScanError(400, `QR payload not readable: ${error.message}`);
      throw error;
    }
  }

  private notificationFor(tranId: string, input: ScanInput): ScanNotification {
    const notification: ScanNotification = {
      id: newUuid(),
      time: nowIso(),
      partner: { id: this.deps.partner.id, name: this.deps.partner.name },
      tranId,
      thirdPartyIdentifiers: [{ institutionId: this.deps.partner.id, transactionIdentifier: newReference('DS') }],
    };
    if (!input.omitToken) notification.partnerPaymentToken = input.partnerPaymentToken ?? newPaymentToken();
    return notification;
  }
}
