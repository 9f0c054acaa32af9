import { useEffect } from 'react';
import type { SaleView, TillSettingsView } from '../../electron/preload/bridge-types';
import { Countdown } from '../components/Countdown';
import { QrImage } from '../components/QrImage';
import { formatMoney } from '../money';
import { chargeStatusText } from './charge-status';
import { DemoPayload } from './DemoPayload';

interface ChargeScreenProps {
  /** Undefined until the till has answered the charge or reported the sale. */
  sale?: SaleView;
  amountMinor: number;
  settings: TillSettingsView;
  cancelling: boolean;
  cancelError?: string;
  onCancel(): void;
}

export const QR_SIZE = 360;

export function ChargeScreen({ sale, amountMinor, settings, cancelling, cancelError, onCancel }: ChargeScreenProps) {
  // Escape cancels at once from anywhere on this screen: the cashier may need to stop a wrong amount fast.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'Escape' || event.repeat) return;
      event.preventDefault();
      onCancel();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onCancel]);

  const payload = sale?.qrPayload;
  const phase = sale?.phase ?? 'creating-qr';
  const currency = sale?.currency ?? settings.currency;
  return (
    <section className="charge-screen" aria-labelledby="charge-heading">
      <div className="charge-side">
        <div className="charge-qr">
          {payload ? (
            <QrImage payload={payload} size={QR_SIZE} />
          ) : (
            <div className="qr-frame qr-frame--waiting" style={{ width: QR_SIZE, height: QR_SIZE }}>
              <span className="spinner" aria-hidden="true" />
              <span>Requesting QR code…</span>
            </div>
          )}
        </div>
        {settings.demoMode && payload && <DemoPayload payload={payload} />}
      </div>
      <div className="charge-details panel">
        <h1 id="charge-heading" className="screen-title">Scan to pay</h1>
        <p className="charge-merchant">{settings.merchantName}</p>
        <p className="charge-amount">{formatMoney(sale?.amountMinor ?? amountMinor, currency, settings.locale)}</p>
        <p className={`charge-status charge-status--${phase}`} role="status" aria-live="polite">
          {chargeStatusText(sale, cancelling)}
        </p>
        <div className="charge-timer">
          {phase === 'awaiting-scan' && sale?.scanDeadline ? (
            <Countdown deadline={sale.scanDeadline} windowSeconds={settings.scanWindowSeconds} />
          ) : phase === 'awaiting-approval' ? (
            <p className="muted">The customer is approving the payment in their app.</p>
          ) : null}
        </div>
        <p className="field-error" role="alert">{cancelError ? `Could not cancel: ${cancelError}` : ''}</p>
        <div className="charge-actions">
          <button type="button" className="button button--danger button--large" aria-keyshortcuts="Escape" onClick={onCancel}>
            Cancel
          </button>
          <span className="muted"><kbd>Esc</kbd> cancels</span>
        </div>
      </div>
    </section>
  );
}
