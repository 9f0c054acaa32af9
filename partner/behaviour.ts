import { z } from 'zod';

// Behaviour switches let demos and tests make the partner decline, fail or hang without a code change.

export const PARTNER_OPERATIONS = ['pay', 'confirm', 'reverse'] as const;
export type PartnerOperation = (typeof PARTNER_OPERATIONS)[number];

export const BehaviourMode = z.enum(['approve', 'decline', 'error', 'hang']);
export type BehaviourMode = z.infer<typeof BehaviourMode>;

export const Behaviour = z
  .object({
    mode: BehaviourMode,
    status: z.number().int().min(400).max(599).optional(),
    // Any string, not only the ErrorType enum: a non-enum type lets hub tests exercise the DECLINED_BY_PARTNER fallback.
    errorType: z.string().min(1).max(60).optional(),
    providerErrorCode: z.string().min(1).optional(),
    providerErrorMsg: z.string().min(1).optional(),
    delayMs: z.number().int().min(0).max(3_600_000).optional(),
    times: z.number().int().positive().optional(),
  })
  .strict();
export type Behaviour = z.infer<typeof Behaviour>;

export const BehaviourSet = z
  .object({ pay: Behaviour, confirm: Behaviour, reverse: Behaviour })
  .strict();
export type BehaviourSet = z.infer<typeof BehaviourSet>;

export const BehaviourUpdate = BehaviourSet.partial();
export type BehaviourUpdate = z.infer<typeof BehaviourUpdate>;

export const APPROVE: Behaviour = { mode: 'approve' };

export const DEFAULT_BEHAVIOURS: BehaviourSet = { pay: APPROVE, confirm: APPROVE, reverse: APPROVE };

interface ActiveBehaviour {
  behaviour: Behaviour;
  remaining: number | undefined;
}

/** The current behaviour of each operation; `take` consumes one use of a `times`-limited behaviour. */
export class BehaviourSwitchboard {
  private active: Record<PartnerOperation, ActiveBehaviour>;

  constructor(private readonly initial: BehaviourSet) {
    this.active = BehaviourSwitchboard.activate(initial);
  }

  set(update: BehaviourUpdate): void {
    for (const operation of PARTNER_OPERATIONS) {
      const behaviour = update[operation];
      if (behaviour) this.active[operation] = { behaviour, remaining: behaviour.times };
    }
  }

  take(operation: PartnerOperation): Behaviour {
    const current = this.active[operation];
    if (current.remaining !== undefined) {
      current.remaining -= 1;
      if (current.remaining <= 0) this.active[operation] = { behaviour: APPROVE, remaining: undefined };
    }
    return current.behaviour;
  }

  /** Each operation's behaviour, with `times` showing the uses left. */
  current(): BehaviourSet {
    const view = (operation: PartnerOperation): Behaviour => {
      const { behaviour, remaining } = this.active[operation];
      return remaining === undefined ? { ...behaviour } : { ...behaviour, times: remaining };
    };
    return { pay: view('pay'), confirm: view('confirm'), reverse: view('reverse') };
  }

  reset(): void {
    this.active = BehaviourSwitchboard.activate(this.initial);
  }

  private static activate(set: BehaviourSet): Record<PartnerOperation, ActiveBehaviour> {
    return {
      pay: { behaviour: set.pay, remaining: set.pay.times },
      confirm: { behaviour: set.confirm, remaining: set.confirm.times },
      reverse: { behaviour: set.reverse, remaining: set.reverse.times },
    };
  }
}
