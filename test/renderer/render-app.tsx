import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach } from 'vitest';
import { App } from '../../renderer/App';
import { FakeBridge } from './fake-bridge';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

export function renderApp(bridge = new FakeBridge()) {
  const user = userEvent.setup();
  const view = render(<App bridge={bridge} retryDelayMs={20} />);
  return { bridge, user, ...view };
}

/** The Sale screen once the snapshot has arrived. */
export async function renderSaleScreen(bridge = new FakeBridge()) {
  const rendered = renderApp(bridge);
  const amount = await screen.findByRole('textbox', { name: 'Amount' });
  return { ...rendered, amount };
}

/** What assistive technology reads as the element's description (its aria-describedby targets). */
export function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => (id ? document.getElementById(id)?.textContent ?? '' : ''))
    .join(' ')
    .trim();
}
