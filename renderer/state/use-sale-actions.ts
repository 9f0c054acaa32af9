import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeResult, ChargeInput, SaleView } from '../../electron/preload/bridge-types';
import type { ConnectedBridge } from '../bridge/connected-bridge';
import { inProgressSale } from './sale-phase';
import type { Till } from './use-till';

export interface SaleActions {
  /** The amount of a charge sent but not yet answered (no sale id known yet). */
  pendingAmountMinor?: number;
  cancelling: boolean;
  cancelError?: string;
  charge(input: ChargeInput): Promise<BridgeResult<SaleView>>;
  /** Cancels the sale on screen; pressed before the sale has an id, it cancels as soon as the id is known. */
  cancel(): void;
  voidSale(saleId: string): Promise<string | undefined>;
  dismiss(saleId: string): Promise<string | undefined>;
}

export function useSaleActions(bridge: ConnectedBridge, till: Till): SaleActions {
  const { state, applySale, markDismissed, refresh } = till;
  const [pendingAmountMinor, setPendingAmountMinor] = useState<number>();
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  const cancelWanted = useRef(false);
  const cancelInFlight = useRef(false);

  const charge = useCallback(async (input: ChargeInput) => {
    cancelWanted.current = false;
    setCancelError(undefined);
    setPendingAmountMinor(input.amountMinor);
    const result = await bridge.charge(input);
    setPendingAmountMinor(undefined);
    if (result.ok) {
      applySale(result.value);
    } else {
      cancelWanted.current = false;
      setCancelling(false);
      // BUSY: the till has a sale this window does not know about; the snapshot brings it on screen.
      if (result.code === 'BUSY') refresh();
    }
    return result;
  }, [bridge, applySale, refresh]);

  const cancelSale = useCallback(async (saleId: string) => {
    if (cancelInFlight.current) return;
    cancelInFlight.current = true;
    cancelWanted.current = false;
    setCancelling(true);
    setCancelError(undefined);
    const result = await bridge.cancel(saleId);
    cancelInFlight.current = false;
    setCancelling(false);
    if (result.ok) applySale(result.value);
    else setCancelError(result.message);
  }, [bridge, applySale]);

  const current = state.current;
  const open = inProgressSale(current);
  const cancel = useCallback(() => {
    if (open) {
      void cancelSale(open.saleId);
    } else if (pendingAmountMinor !== undefined) {
      cancelWanted.current = true;
      setCancelling(true);
    }
  }, [open, pendingAmountMinor, cancelSale]);

  // A cancel pressed while the QR was still being requested goes out as soon as the sale has an id.
  useEffect(() => {
    if (!cancelWanted.current) return;
    if (open) void cancelSale(open.saleId);
    else if (current && pendingAmountMinor === undefined) {
      cancelWanted.current = false;
      setCancelling(false);
    }
  }, [open, current, pendingAmountMinor, cancelSale]);

  const voidSale = useCallback(async (saleId: string) => {
    const result = await bridge.voidSale(saleId);
    if (result.ok) {
      applySale(result.value);
      return undefined;
    }
    return result.message;
  }, [bridge, applySale]);

  const dismiss = useCallback(async (saleId: string) => {
    const result = await bridge.dismiss(saleId);
    // NOT_FOUND: the till has already let go of this sale, which is what New sale wants.
    if (result.ok || result.code === 'NOT_FOUND') {
      markDismissed(saleId);
      return undefined;
    }
    return result.message;
  }, [bridge, markDismissed]);

  return { pendingAmountMinor, cancelling, cancelError, charge, cancel, voidSale, dismiss };
}
