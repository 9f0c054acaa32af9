import type { SettingsInput } from '../preload/bridge-types.js';
import { awaitsPartner, isOutboxOpen, type SaleRecord } from './sale-record.js';
import { hubTargetChanged, type TillSettings } from './settings.js';

// Another hub, client or hub mode would never hear of this till's earlier payments: its advices would go astray, and
// the partner outcomes the till still follows could no longer be read. Such a change waits until both are settled.

function count(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** Why the hub may not change now, or undefined when it may (or does not change). */
export function hubChangeRefusal(current: TillSettings, input: SettingsInput, sales: SaleRecord[]): string | undefined {
  if (!hubTargetChanged(current, input)) return undefined;
  const waiting = sales.filter((sale) => isOutboxOpen(sale.advice)).length;
  if (waiting > 0) {
    return `${count(waiting, 'advice is', 'advices are')} still waiting to be sent to the current hub. Wait until the `
      + 'status bar says all advices are sent, then change the hub, client or hub mode.';
  }
  const following = sales.filter((sale) => awaitsPartner(sale.advice)).length;
  if (following > 0) {
    return `The current hub has not yet told the till what the wallet provider made of ${count(following, 'advice', 'advices')}. `
      + 'Wait a little (History shows them), then change the hub, client or hub mode.';
  }
  return undefined;
}
