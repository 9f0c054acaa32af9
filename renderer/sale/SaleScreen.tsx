import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ChargeInput, TillSettingsView } from '../../electron/preload/bridge-types';
import { currencyExponent, decimalSeparator, formatMoney, MAX_AMOUNT_MINOR, minorToPlain, parseAmount } from '../money';
import { basketTotalMinor, type SaleDraft } from './basket';
import { BasketPanel } from './BasketPanel';
import { applyKeypadKey, Keypad, type KeypadKey } from './Keypad';

interface SaleScreenProps {
  settings: TillSettingsView;
  draft: SaleDraft;
  onDraftChange(draft: SaleDraft): void;
  /** Why the till refused the last charge, in plain words ('' when it did not). */
  refusal: string;
  onCharge(input: ChargeInput): void;
}

export function SaleScreen({ settings, draft, onDraftChange, refusal, onCharge }: SaleScreenProps) {
  const { currency, locale } = settings;
  const exponent = currencyExponent(currency);
  const separator = decimalSeparator(locale);
  const format = (minor: number) => formatMoney(minor, currency, locale);
  const amountRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');

  useEffect(() => amountRef.current?.focus(), []);

  const itemised = draft.basket.length > 0;
  const basketTotal = basketTotalMinor(draft.basket);
  const amountText = itemised ? minorToPlain(basketTotal, exponent, separator) : draft.amountText;
  const parsed = itemised ? undefined : parseAmount(draft.amountText, exponent);
  const previewMinor = itemised ? basketTotal : parsed?.ok ? parsed.minor : undefined;

  function setAmountText(text: string): void {
    setError('');
    onDraftChange({ ...draft, amountText: text });
  }

  function pressKey(key: KeypadKey): void {
    setAmountText(applyKeypadKey(draft.amountText, key, separator));
  }

  function charge(event: FormEvent): void {
    event.preventDefault();
    let input: ChargeInput;
    if (itemised) {
      if (basketTotal < 1) return fail('The basket total must be greater than zero.');
      if (basketTotal > MAX_AMOUNT_MINOR) return fail('The basket total is too large.');
      input = { amountMinor: basketTotal, basket: draft.basket };
    } else {
      if (!parsed?.ok) return fail(parsed?.error ?? 'Enter an amount.');
      input = { amountMinor: parsed.minor };
    }
    onCharge(input);
  }

  function fail(message: string): void {
    setError(message);
    amountRef.current?.focus();
  }

  return (
    <div className="sale-screen">
      <section className="panel sale-entry" aria-labelledby="sale-heading">
        <h1 id="sale-heading" className="visually-hidden">New sale</h1>
        <form className="amount-form" onSubmit={charge} noValidate>
          <label htmlFor="amount" className="amount-label">Amount</label>
          <div className="amount-field">
            <input
              id="amount"
              ref={amountRef}
              className="amount-input"
              value={amountText}
              readOnly={itemised}
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              maxLength={24}
              placeholder={minorToPlain(0, exponent, separator)}
              aria-invalid={error !== '' || refusal !== ''}
              aria-describedby="amount-help amount-error"
              onChange={(event) => setAmountText(event.target.value)}
            />
          </div>
          <p id="amount-help" className="amount-preview">
            {format(previewMinor ?? 0)}
            {itemised && <span className="muted"> — the basket total</span>}
          </p>
          <p id="amount-error" className="field-error" role="alert">{error || refusal}</p>
          <Keypad decimalSeparator={separator} hasDecimals={exponent > 0} disabled={itemised} onKey={pressKey} />
          <button type="submit" className="button button--primary button--charge">
            Charge
          </button>
        </form>
      </section>
      <BasketPanel
        lines={draft.basket}
        exponent={exponent}
        format={format}
        onChange={(basket) => {
          setError('');
          onDraftChange({ ...draft, basket });
        }}
      />
    </div>
  );
}
