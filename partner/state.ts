import type { Logger } from '../common/logger.js';
import { BehaviourSwitchboard } from './behaviour.js';
import type { PartnerConfig } from './config.js';
import { WalletLedger } from './ledger.js';
import { PendingWork } from './pending-work.js';
import { RequestLog } from './request-log.js';
import { Scanner } from './scanner.js';

/** Everything the demo partner remembers, in one place so the control API can inspect and reset it. */
export class PartnerState {
  readonly ledger: WalletLedger;
  readonly behaviours: BehaviourSwitchboard;
  readonly requestLog = new RequestLog();
  readonly pending = new PendingWork();
  readonly scanner: Scanner;

  constructor(config: PartnerConfig, logger: Logger) {
    this.ledger = new WalletLedger(config.wallet);
    this.behaviours = new BehaviourSwitchboard(config.behaviour);
    this.scanner = new Scanner({
      partner: config.partner,
      hub: config.hub,
      timeoutMs: config.timeouts.hubSeconds * 1000,
      logger,
    });
  }

  /** Ledger, received messages, issued tokens and behaviours back to their configured start. */
  reset(): void {
    this.ledger.reset();
    this.requestLog.clear();
    this.scanner.reset();
    this.behaviours.reset();
  }
}
