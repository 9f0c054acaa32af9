import type { TillStatus } from '../preload/bridge-types.js';
import type { HubHealth } from './hub-health.js';
import { isOutboxOpen, partnerRefused, type SaleRecord } from './sale-record.js';
import type { TillSettings } from './settings.js';

// TillStatus as the status bar shows it, emitted only when something in it changed. The time of the last health
// check is reported but does not count as a change, or every check would be an event.

/** docs/protocol.md §3: an advice never gives up, but after this long someone must look. */
export const OVERDUE_AFTER_MS = 24 * 60 * 60 * 1000;

export function isOverdue(queuedAt: string, now: number): boolean {
  return now - Date.parse(queuedAt) >= OVERDUE_AFTER_MS;
}

export function outboxStatus(sales: Iterable<SaleRecord>, now: number): TillStatus['outbox'] {
  let pending = 0;
  let rejected = 0;
  let overdue = 0;
  let refusedByPartner = 0;
  let oldest: string | undefined;
  for (const sale of sales) {
    if (isOutboxOpen(sale.advice)) {
      pending += 1;
      if (isOverdue(sale.advice!.queuedAt, now)) overdue += 1;
      if (oldest === undefined || Date.parse(sale.advice!.queuedAt) < Date.parse(oldest)) oldest = sale.advice!.queuedAt;
    } else if (sale.advice?.state === 'rejected') rejected += 1;
    else if (partnerRefused(sale.advice)) refusedByPartner += 1;
  }
  const counts = { pending, rejected, overdue, partnerRefused: refusedByPartner };
  return oldest === undefined ? counts : { ...counts, oldestPendingSince: oldest };
}

export interface StatusDeps {
  health: HubHealth;
  settings: () => TillSettings;
  sales: () => Iterable<SaleRecord>;
  now: () => number;
  emit: (status: TillStatus) => void;
}

export class StatusTracker {
  private services: TillStatus['services'];
  private lastEmitted: string | undefined;

  constructor(private readonly deps: StatusDeps) {}

  current(): TillStatus {
    const { health, settings } = this.deps;
    const hub: TillStatus['hub'] = { state: health.state, url: settings().hubUrl, mode: settings().hubMode };
    if (health.checkedAt) hub.checkedAt = health.checkedAt;
    const status: TillStatus = { hub, outbox: outboxStatus(this.deps.sales(), this.deps.now()) };
    if (this.services) status.services = { ...this.services };
    return status;
  }

  setServices(services: TillStatus['services']): void {
    this.services = services ? { ...services } : undefined;
    this.update();
  }

  /** Emits the status if it changed since the last emission. */
  update(): void {
    const status = this.current();
    const { checkedAt: _checkedAt, ...hub } = status.hub;
    const key = JSON.stringify({ ...status, hub });
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.deps.emit(status);
  }

  /** The status as first seen by subscribers: no event for it. */
  prime(): void {
    const status = this.current();
    const { checkedAt: _checkedAt, ...hub } = status.hub;
    this.lastEmitted = JSON.stringify({ ...status, hub });
  }
}
