import { useId, useRef, useState, type FormEvent } from 'react';
import type { BasketLine } from '../../electron/preload/bridge-types';
import { parseAmount } from '../money';
import { basketTotalMinor } from './basket';

interface BasketPanelProps {
  lines: BasketLine[];
  exponent: number;
  format(minor: number): string;
  onChange(lines: BasketLine[]): void;
}

const MAX_LINES = 200;

/** Optional itemised lines; with any line the charged amount is their total. */
export function BasketPanel({ lines, exponent, format, onChange }: BasketPanelProps) {
  const ids = useId();
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [error, setError] = useState('');
  const descriptionRef = useRef<HTMLInputElement>(null);

  function addLine(event: FormEvent): void {
    event.preventDefault();
    const name = description.trim();
    const count = Number(quantity);
    const unitPrice = parseAmount(price, exponent);
    if (name === '' || name.length > 60) setError('Describe the item in 1 to 60 characters.');
    else if (!Number.isInteger(count) || count < 1 || count > 9999) setError('Quantity must be a whole number from 1 to 9999.');
    else if (!unitPrice.ok) setError(`Unit price: ${unitPrice.error}`);
    else if (lines.length >= MAX_LINES) setError(`A sale can have at most ${MAX_LINES} lines.`);
    else {
      onChange([...lines, { description: name, quantity: count, unitPriceMinor: unitPrice.minor }]);
      setDescription('');
      setQuantity('1');
      setPrice('');
      setError('');
    }
    descriptionRef.current?.focus();
  }

  return (
    <section className="basket panel" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Basket <span className="muted">(optional)</span></h2>
      {lines.length === 0 ? (
        <p className="muted basket-empty">Add items to itemise the sale, or just enter the amount.</p>
      ) : (
        <table className="basket-lines">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col" className="num">Qty</th>
              <th scope="col" className="num">Price</th>
              <th scope="col" className="num">Line total</th>
              <th scope="col"><span className="visually-hidden">Remove</span></th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => (
              <tr key={`${index}-${line.description}`}>
                <td>{line.description}</td>
                <td className="num">{line.quantity}</td>
                <td className="num">{format(line.unitPriceMinor)}</td>
                <td className="num">{format(line.quantity * line.unitPriceMinor)}</td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={`Remove ${line.description}`}
                    onClick={() => onChange(lines.filter((_, at) => at !== index))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>Total</th>
              <td className="num basket-total">{format(basketTotalMinor(lines))}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      <form className="basket-add" onSubmit={addLine} noValidate>
        <div className="field basket-add-description">
          <label htmlFor={`${ids}-description`}>Description</label>
          <input
            id={`${ids}-description`}
            ref={descriptionRef}
            value={description}
            autoComplete="off"
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field basket-add-quantity">
          <label htmlFor={`${ids}-quantity`}>Quantity</label>
          <input
            id={`${ids}-quantity`}
            value={quantity}
            inputMode="numeric"
            autoComplete="off"
            onChange={(event) => setQuantity(event.target.value)}
          />
        </div>
        <div className="field basket-add-price">
          <label htmlFor={`${ids}-price`}>Unit price</label>
          <input
            id={`${ids}-price`}
            value={price}
            inputMode="decimal"
            autoComplete="off"
            onChange={(event) => setPrice(event.target.value)}
          />
        </div>
        <button type="submit" className="button">Add line</button>
        <p className="field-error basket-error" role="alert">{error}</p>
      </form>
    </section>
  );
}
