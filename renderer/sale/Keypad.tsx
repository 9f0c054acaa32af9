import type { MouseEvent } from 'react';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'decimal' | 'backspace' | 'clear';

interface KeypadProps {
  decimalSeparator: string;
  /** Currencies without minor units (e.g. JPY) get no decimal key. */
  hasDecimals: boolean;
  disabled: boolean;
  onKey(key: KeypadKey): void;
}

const DIGIT_ROWS: KeypadKey[][] = [['7', '8', '9'], ['4', '5', '6'], ['1', '2', '3']];

// Keeps the caret in the Amount field: a tap on the keypad must not steal focus from it (Enter still charges).
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** The on-screen keypad for touch tills; keyboard users type in the Amount field, so its keys are out of the Tab order. */
export function Keypad({ decimalSeparator, hasDecimals, disabled, onKey }: KeypadProps) {
  const key = (value: KeypadKey, label: string, name: string = label, className = 'keypad-key') => (
    <button
      key={value}
      type="button"
      className={className}
      tabIndex={-1}
      aria-label={name}
      disabled={disabled}
      onMouseDown={keepFocus}
      onClick={() => onKey(value)}
    >
      {label}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      {DIGIT_ROWS.flat().map((digit) => key(digit, digit))}
      {key('00', '00')}
      {key('0', '0')}
      {hasDecimals ? key('decimal', decimalSeparator, 'Decimal separator') : <span aria-hidden="true" />}
      {key('clear', 'C', 'Clear', 'keypad-key keypad-key--secondary')}
      {key('backspace', '⌫', 'Backspace', 'keypad-key keypad-key--secondary keypad-key--wide')}
    </div>
  );
}

/** The Amount field's text after a keypad key. */
export function applyKeypadKey(text: string, key: KeypadKey, decimalSeparator: string): string {
  switch (key) {
    case 'clear':
      return '';
    case 'backspace':
      return text.slice(0, -1);
    case 'decimal':
      if (/[.,]/.test(text)) return text;
      return `${text === '' ? '0' : text}${decimalSeparator}`;
    default:
      return `${text}${key}`;
  }
}
