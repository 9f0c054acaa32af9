import { useCallback, useEffect, useState } from 'react';
import type { BridgeResult, ChargeInput, SaleView } from '../electron/preload/bridge-types';
import type { ConnectedBridge } from './bridge/connected-bridge';
import { ChargeScreen } from './charge/ChargeScreen';
import { ConnectionBanner } from './components/ConnectionBanner';
import { NavBar, screenForKey, type ScreenName } from './components/NavBar';
import { StatusBar } from './components/StatusBar';
import { HistoryScreen } from './history/HistoryScreen';
import { ResultScreen } from './result/ResultScreen';
import { emptyDraft, type SaleDraft } from './sale/basket';
import { SaleScreen } from './sale/SaleScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { inProgressSale } from './state/sale-phase';
import { useSaleActions } from './state/use-sale-actions';
import { useTill } from './state/use-till';

interface AppProps {
  bridge: ConnectedBridge;
  /** How long to wait before asking an unreachable till service again. */
  retryDelayMs?: number;
}

function refusalText(result: BridgeResult<SaleView>): string {
  if (result.ok) return '';
  const amountProblem = result.fields?.amountMinor;
  return amountProblem ? `The till refused the amount: it ${amountProblem}.` : result.message;
}

/** The cashier's till: Sale → Charge → Result, plus History and Settings, with the status bar always on screen. */
export function App({ bridge, retryDelayMs }: AppProps) {
  const till = useTill(bridge, retryDelayMs);
  const actions = useSaleActions(bridge, till);
  const { settings, status, current, unreachable, streamLost, historyVersion } = till.state;
  const [screen, setScreen] = useState<ScreenName>('sale');
  const [draft, setDraft] = useState<SaleDraft>(emptyDraft);
  const [refusal, setRefusal] = useState('');

  const openSale = inProgressSale(current);
  const charging = actions.pendingAmountMinor !== undefined || openSale !== undefined;

  const navigate = useCallback((next: ScreenName) => {
    if (!charging) setScreen(next);
  }, [charging]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const target = screenForKey(event);
      if (!target) return;
      // Also while charging, so F3 does not open the browser's find bar over the QR code.
      event.preventDefault();
      navigate(target);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  // A sale that starts or resumes (snapshot, another window) always takes the cashier to it.
  useEffect(() => {
    if (charging) setScreen('sale');
  }, [charging]);

  const { charge: chargeSale } = actions;
  const charge = useCallback((input: ChargeInput) => {
    setRefusal('');
    void chargeSale(input).then((result) => {
      if (result.ok) setDraft(emptyDraft);
      else setRefusal(refusalText(result));
    });
  }, [chargeSale]);

  // Try again: the same amount and basket as a new sale. The Charge screen replaces the result meanwhile, so a refusal
  // is kept here and shown when the result comes back; the old sale is let go once the new one exists.
  const { markDismissed } = till;
  const tryAgain = useCallback((sale: SaleView) => {
    setRefusal('');
    void chargeSale({ amountMinor: sale.amountMinor, ...(sale.basket?.length ? { basket: sale.basket } : {}) }).then((result) => {
      if (result.ok) markDismissed(sale.saleId);
      else setRefusal(refusalText(result));
    });
  }, [chargeSale, markDismissed]);

  const { dismiss } = actions;
  const newSale = useCallback((saleId: string) => {
    setRefusal('');
    return dismiss(saleId);
  }, [dismiss]);

  const changeDraft = useCallback((next: SaleDraft) => {
    setRefusal('');
    setDraft(next);
  }, []);

  function body() {
    if (!settings) {
      return (
        <div className="panel loading-panel" role="status">
          {unreachable === undefined ? 'Connecting to the till…' : 'Waiting for the till service…'}
        </div>
      );
    }
    if (charging) {
      return (
        <ChargeScreen
          sale={openSale}
          amountMinor={actions.pendingAmountMinor ?? current?.amountMinor ?? 0}
          settings={settings}
          cancelling={actions.cancelling}
          cancelError={actions.cancelError}
          onCancel={actions.cancel}
        />
      );
    }
    switch (screen) {
      case 'history':
        return <HistoryScreen bridge={bridge} settings={settings} version={historyVersion} />;
      case 'settings':
        return <SettingsScreen bridge={bridge} settings={settings} onSaved={till.applySettings} />;
      case 'sale':
        return current ? (
          <ResultScreen
            key={current.saleId}
            sale={current}
            settings={settings}
            onVoid={actions.voidSale}
            onNewSale={newSale}
            onTryAgain={tryAgain}
            refusal={refusal}
          />
        ) : (
          <SaleScreen settings={settings} draft={draft} onDraftChange={changeDraft} refusal={refusal} onCharge={charge} />
        );
    }
  }

  return (
    <div className="app">
      <NavBar merchantName={settings?.merchantName} active={screen} disabled={charging} onNavigate={navigate} />
      <ConnectionBanner unreachable={unreachable} streamLost={streamLost} onRetry={till.refresh} />
      <main className="app-main">{body()}</main>
      <StatusBar status={status} tillServiceLost={unreachable !== undefined || streamLost} />
    </div>
  );
}
