import type { SaleView, TillEvent, TillSettingsView, TillSnapshot, TillStatus } from '../../electron/preload/bridge-types';
import { newerSale } from './sale-phase';

export interface TillState {
  settings?: TillSettingsView;
  status?: TillStatus;
  /** The sale on screen until New sale dismisses it. */
  current?: SaleView;
  /** Why the last snapshot could not be read; cleared by the next good one. */
  unreachable?: string;
  /** Snapshot failures in a row, so each one schedules the next retry. */
  failures: number;
  /** The live event stream dropped (browser mode) and is reconnecting. */
  streamLost: boolean;
  /** Bumped on every history-changed event so an open History screen reloads. */
  historyVersion: number;
  /** Sales dismissed here: a late event about one must not bring it back on screen. */
  dismissed: readonly string[];
}

export type TillAction =
  | { type: 'snapshot'; snapshot: TillSnapshot }
  | { type: 'unreachable'; message: string }
  | { type: 'stream'; lost: boolean }
  | { type: 'event'; event: TillEvent }
  | { type: 'sale'; sale: SaleView }
  | { type: 'dismissed'; saleId: string };

export const initialTillState: TillState = { failures: 0, streamLost: false, historyVersion: 0, dismissed: [] };

function withSale(state: TillState, sale: SaleView): TillState {
  if (state.dismissed.includes(sale.saleId)) return state;
  return { ...state, current: newerSale(state.current, sale) };
}

export function reduceTill(state: TillState, action: TillAction): TillState {
  switch (action.type) {
    case 'snapshot': {
      const { settings, status, current } = action.snapshot;
      const next: TillState = { ...state, settings, status, unreachable: undefined, failures: 0, current: undefined };
      return current ? withSale(next, newerSale(state.current, current)) : next;
    }
    case 'unreachable':
      return { ...state, unreachable: action.message, failures: state.failures + 1 };
    case 'stream':
      return { ...state, streamLost: action.lost };
    case 'sale':
      return withSale(state, action.sale);
    case 'dismissed':
      return {
        ...state,
        current: state.current?.saleId === action.saleId ? undefined : state.current,
        dismissed: [...state.dismissed.slice(-19), action.saleId],
      };
    case 'event': {
      const { event } = action;
      switch (event.type) {
        case 'sale':
          return withSale(state, event.sale);
        case 'status':
          return { ...state, status: event.status };
        case 'settings':
          return { ...state, settings: event.settings };
        case 'history-changed':
          return { ...state, historyVersion: state.historyVersion + 1 };
        default:
          return state;
      }
    }
  }
}
