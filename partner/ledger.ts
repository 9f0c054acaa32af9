import type { ErrorType, LedgerAmount, PaymentConfirmation, PaymentReversal } from '../protocol/index.js';
import { PARTNER_OPERATIONS, type PartnerOperation } from './behaviour.js';

// The demo wallet: one balance in one currency. A payment reserves funds, a confirmation captures them (debiting the
// balance), a reversal releases them. A reversal of a payment it does not know leaves a tombstone, so that payment,
// should it arrive late, is declined without reserving (docs/protocol.md §8). Everything is in memory and lost on
// restart, tombstones included.

export type ReservationState = 'reserved' | 'captured' | 'released';

export interface Reservation {
  paymentId: string;
  tranId: string;
  walletRef: string;
  amount: number;
  currency: string;
  state: ReservationState;
  capturedAmount?: number;
  reservedAt: string;
  settledAt?: string;
}

export interface OperationCounter {
  /** Requests of this operation that passed authentication and validation. */
  received: number;
  /** Requests that changed the ledger (a repeat or a declined request does not count). */
  applied: number;
}

export interface LedgerSnapshot {
  currency: string;
  balance: number;
  available: number;
  reservations: Record<string, Reservation>;
  counters: Record<PartnerOperation, OperationCounter>;
  /** Same as counters.confirm.applied: how many payments were captured. */
  captures: number;
  /** Same as counters.reverse.applied: how many payments were released. */
  releases: number;
  /** Payment ids reversed before the wallet knew them: each is declined if it arrives. */
  tombstones: string[];
}

export interface LedgerFailure {
  status: 400 | 404;
  errorType: ErrorType;
  message: string;
  /** A reversal's 404 carries no body (docs/protocol.md §9). */
  withoutBody?: boolean;
}

export type LedgerResult<T> = { ok: true; value: T } | { ok: false; failure: LedgerFailure };

export interface AdviceOutcome<A> {
  echo: A;
  /** False when the advice was a repeat, or its payment was already in the advice's final state. */
  applied: boolean;
}

export interface ReserveInput {
  paymentId: string;
  tranId: string;
  walletRef: string;
  requestAmount: LedgerAmount | undefined;
}

type AdviceKind = 'confirm' | 'reverse';
interface SeenAdvice {
  kind: AdviceKind;
  requestId: string;
  echo: PaymentConfirmation | PaymentReversal;
}

const fail = (status: 400 | 404, errorType: ErrorType, message: string, withoutBody = false): LedgerResult<never> => ({
  ok: false,
  failure: withoutBody ? { status, errorType, message, withoutBody } : { status, errorType, message },
});

export class WalletLedger {
  private balance: number;
  /** Sum of the reservations still held, kept as they change so a payment costs no walk over the history. */
  private reserved = 0;
  private reservations = new Map<string, Reservation>();
  private paymentIds = new Set<string>();
  private tombstones = new Set<string>();
  private advices = new Map<string, SeenAdvice>();
  private counters = WalletLedger.zeroCounters();

  constructor(private readonly opening: { balance: number; currency: string }) {
    this.balance = opening.balance;
  }

  noteReceived(operation: PartnerOperation): void {
    this.counters[operation].received += 1;
  }

  reserve(input: ReserveInput, now: string): LedgerResult<Reservation> {
    if (this.paymentIds.has(input.paymentId)) return fail(400, 'DUPLICATE_RECORD', 'Payment id already used');
    this.paymentIds.add(input.paymentId);
    if (this.tombstones.has(input.paymentId)) return fail(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment was already reversed');
    const amount = input.requestAmount;
    if (!amount) return fail(400, 'INVALID_AMOUNT', 'requestAmount is required');
    if (amount.currency !== this.opening.currency) return fail(400, 'INVALID_AMOUNT', 'Currency not supported');
    if (amount.amount <= 0) return fail(400, 'INVALID_AMOUNT', 'Amount must be positive');
    if (amount.amount > this.available()) return fail(400, 'INSUFFICIENT_FUNDS', 'Insufficient funds');
    const reservation: Reservation = {
      paymentId: input.paymentId,
      tranId: input.tranId,
      walletRef: input.walletRef,
      amount: amount.amount,
      currency: amount.currency,
      state: 'reserved',
      reservedAt: now,
    };
    this.reservations.set(input.paymentId, reservation);
    this.reserved += reservation.amount;
    this.counters.pay.applied += 1;
    return { ok: true, value: { ...reservation } };
  }

  capture(advice: PaymentConfirmation, now: string): LedgerResult<AdviceOutcome<PaymentConfirmation>> {
    const repeat = this.repeatOf(advice, 'confirm');
    if (repeat) return repeat;
    const reservation = this.reservations.get(advice.requestId);
    if (!reservation) return fail(404, 'UNABLE_TO_LOCATE_RECORD', 'Payment not found');
    if (reservation.state === 'released') return fail(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment already reversed');
    if (reservation.state === 'captured') return this.accept(advice, 'confirm', false);
    const final = advice.amounts?.approvedAmount;
    if (final && final.currency !== reservation.currency) return fail(400, 'INVALID_AMOUNT', 'Currency differs');
    const capturedAmount = final ? final.amount : reservation.amount;
    if (capturedAmount < 0 || capturedAmount > reservation.amount) {
      return fail(400, 'INVALID_AMOUNT', 'Amount above the authorised amount');
    }
    this.balance -= capturedAmount;
    this.reserved -= reservation.amount;
    reservation.state = 'captured';
    reservation.capturedAmount = capturedAmount;
    reservation.settledAt = now;
    return this.accept(advice, 'confirm', true);
  }

  release(advice: PaymentReversal, now: string): LedgerResult<AdviceOutcome<PaymentReversal>> {
    const repeat = this.repeatOf(advice, 'reverse');
    if (repeat) return repeat;
    const reservation = this.reservations.get(advice.requestId);
    if (!reservation) {
      // A payment declined here (or never received) has no reservation; only one never seen can still arrive.
      if (!this.paymentIds.has(advice.requestId)) this.tombstones.add(advice.requestId);
      return fail(404, 'UNABLE_TO_LOCATE_RECORD', 'Payment not found', true);
    }
    if (reservation.state === 'captured') return fail(400, 'ACCOUNT_ALREADY_SETTLED', 'Payment already confirmed');
    if (reservation.state === 'released') return this.accept(advice, 'reverse', false);
    this.reserved -= reservation.amount;
    reservation.state = 'released';
    reservation.settledAt = now;
    return this.accept(advice, 'reverse', true);
  }

  available(): number {
    return this.balance - this.reserved;
  }

  snapshot(): LedgerSnapshot {
    const reservations: Record<string, Reservation> = {};
    for (const [id, reservation] of this.reservations) reservations[id] = { ...reservation };
    const counters = WalletLedger.zeroCounters();
    for (const operation of PARTNER_OPERATIONS) counters[operation] = { ...this.counters[operation] };
    return {
      currency: this.opening.currency,
      balance: this.balance,
      available: this.available(),
      reservations,
      counters,
      captures: this.counters.confirm.applied,
      releases: this.counters.reverse.applied,
      tombstones: [...this.tombstones],
    };
  }

  reset(): void {
    this.balance = this.opening.balance;
    this.reserved = 0;
    this.reservations.clear();
    this.paymentIds.clear();
    this.tombstones.clear();
    this.advices.clear();
    this.counters = WalletLedger.zeroCounters();
  }

  /** An advice id seen before: the same advice again gets its first echo, a different one DUPLICATE_RECORD. */
  private repeatOf<A extends PaymentConfirmation | PaymentReversal>(
    advice: A,
    kind: AdviceKind,
  ): LedgerResult<AdviceOutcome<A>> | undefined {
    const seen = this.advices.get(advice.id);
    if (!seen) return undefined;
    if (seen.kind !== kind || seen.requestId !== advice.requestId) {
      return fail(400, 'DUPLICATE_RECORD', 'Advice id already used');
    }
    // Same id, kind and requestId, so the stored echo is of the same message type.
    return { ok: true, value: { echo: seen.echo as A, applied: false } };
  }

  private accept<A extends PaymentConfirmation | PaymentReversal>(
    advice: A,
    kind: AdviceKind,
    applied: boolean,
  ): LedgerResult<AdviceOutcome<A>> {
    this.advices.set(advice.id, { kind, requestId: advice.requestId, echo: advice });
    if (applied) this.counters[kind].applied += 1;
    return { ok: true, value: { echo: advice, applied } };
  }

  private static zeroCounters(): Record<PartnerOperation, OperationCounter> {
    return { pay: { received: 0, applied: 0 }, confirm: { received: 0, applied: 0 }, reverse: { received: 0, applied: 0 } };
  }
}
