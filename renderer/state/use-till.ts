import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import type { ConnectedBridge } from '../bridge/connected-bridge';
import { initialTillState, reduceTill, type TillState } from './till-state';

export interface Till {
  state: TillState;
  /** Re-reads the snapshot (after a missed event, a BUSY answer, or by hand). */
  refresh(): void;
  applySale(sale: SaleView): void;
  markDismissed(saleId: string): void;
  applySettings(settings: TillSettingsView): void;
}

/** Follows the till: the snapshot at start and after every stream reconnect, then the events. */
export function useTill(bridge: ConnectedBridge, retryDelayMs = 3000): Till {
  const [state, dispatch] = useReducer(reduceTill, initialTillState);
  const request = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++request.current;
    void bridge.snapshot().then((result) => {
      // An older answer must not overwrite a newer one.
      if (ticket !== request.current) return;
      if (result.ok) dispatch({ type: 'snapshot', snapshot: result.value });
      else dispatch({ type: 'unreachable', message: result.message });
    });
  }, [bridge]);

  useEffect(() => {
    const stopState = bridge.onStreamState?.((streamState) => {
      dispatch({ type: 'stream', lost: streamState === 'lost' });
      if (streamState === 'open') refresh();
    });
    const stopEvents = bridge.onEvent((event) => dispatch({ type: 'event', event }));
    refresh();
    return () => {
      stopEvents();
      stopState?.();
    };
  }, [bridge, refresh]);

  useEffect(() => {
    if (state.failures === 0) return;
    const timer = setTimeout(refresh, retryDelayMs);
    return () => clearTimeout(timer);
  }, [state.failures, refresh, retryDelayMs]);

  const applySale = useCallback((sale: SaleView) => dispatch({ type: 'sale', sale }), []);
  const markDismissed = useCallback((saleId: string) => dispatch({ type: 'dismissed', saleId }), []);
  const applySettings = useCallback(
    (settings: TillSettingsView) => dispatch({ type: 'event', event: { type: 'settings', settings } }),
    [],
  );
  return { state, refresh, applySale, markDismissed, applySettings };
}
