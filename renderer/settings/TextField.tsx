import type { InputHTMLAttributes } from 'react';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  value: string;
  error?: string;
  hint?: string;
  onValue(value: string): void;
}

/** A labelled input whose hint and error are tied to it for screen readers; the error line keeps its height. */
export function TextField({ id, label, value, error, hint, onValue, className, ...input }: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint ? `${hintId} ${errorId}` : errorId}
        onChange={(event) => onValue(event.target.value)}
      />
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <p id={errorId} className="field-error">{error ?? ''}</p>
    </div>
  );
}
