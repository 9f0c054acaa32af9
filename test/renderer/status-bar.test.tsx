// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { FakeBridge, refused, statusFixture } from './fake-bridge';
import { renderSaleScreen } from './render-app';

const footer = () => screen.getByRole('contentinfo');

describe('Status bar', () => {
  test('says the hub is connected and nothing is waiting', async () => {
    await renderSaleScreen();
    expect(footer().textContent).toContain('Connected to the local hub');
    expect(footer().textContent).toContain('All advices sent');
  });

  test('counts advices waiting to be sent and warns about refused ones', async () => {
    await renderSaleScreen(new FakeBridge({ status: statusFixture({ outbox: { pending: 2, rejected: 1, overdue: 0, partnerRefused: 0 } }) }));
    expect(screen.getByText('2 advices waiting to be sent')).toBeTruthy();
    expect(within(footer()).getByRole('alert').textContent).toContain('1 advice refused by the payment service');
  });

  test('warns when advices have waited for over 24 hours', async () => {
    await renderSaleScreen(new FakeBridge({ status: statusFixture({ outbox: { pending: 3, rejected: 0, overdue: 2, partnerRefused: 0 } }) }));
    expect(screen.getByText('3 advices waiting to be sent')).toBeTruthy();
    expect(within(footer()).getByRole('alert').textContent).toContain('2 advices unsent for over 24 hours — tell a supervisor');
  });

  test('follows status events: hub unreachable, one advice waiting, local services', async () => {
    const { bridge } = await renderSaleScreen();
    act(() => bridge.emit({
      type: 'status',
      status: {
        hub: { state: 'unreachable', url: 'https://hub.example:8480', mode: 'remote' },
        services: { hub: 'running', partner: 'restarting' },
        outbox: { pending: 1, rejected: 0, overdue: 0, partnerRefused: 0 },
      },
    }));
    expect(footer().textContent).toContain('The remote hub is unreachable');
    expect(footer().textContent).toContain('1 advice waiting to be sent');
    expect(footer().textContent).toContain('Hub service running');
    expect(footer().textContent).toContain('Demo partner restarting');
    expect(footer().textContent).not.toContain('All advices sent');
  });

  const greenItems = () => [...footer().querySelectorAll('.dot--ok')].map((dot) => dot.parentElement?.textContent ?? '');

  test.each([
    ['unreachable', { state: 'unreachable' }, undefined, 'The local hub is unreachable'],
    ['still being checked', { state: 'unknown' }, undefined, 'Checking the local hub…'],
    ['restarting under the till', { state: 'connected' }, { hub: 'restarting', partner: 'running' }, 'The local hub is restarting…'],
    ['stopped under the till', { state: 'connected' }, { hub: 'stopped', partner: 'running' }, 'The local hub is stopped'],
  ] as const)('with the hub %s, nothing is green and an empty outbox is not "All advices sent"', async (_name, hub, services, words) => {
    const { bridge } = await renderSaleScreen();
    act(() => bridge.emit({
      type: 'status',
      status: statusFixture({ hub: { ...hub, url: 'http://127.0.0.1:8480', mode: 'local' }, ...(services ? { services } : {}) }),
    }));
    expect(footer().textContent).toContain(words);
    expect(footer().textContent).toContain('No advices waiting');
    expect(footer().textContent).not.toContain('All advices sent');
    expect(footer().textContent).not.toContain('Connected');
    expect(greenItems().filter((text) => !text.includes('Demo partner'))).toEqual([]);
  });

  test('when the live updates from the till service drop, the bar stops vouching for the hub and the outbox', async () => {
    const { bridge } = await renderSaleScreen(new FakeBridge({
      status: statusFixture({ services: { hub: 'running', partner: 'running' } }),
    }));
    expect(greenItems().length).toBeGreaterThan(0);
    act(() => bridge.setStream('lost'));
    expect(footer().textContent).toContain('Hub connection not known: the till service is not answering');
    expect(footer().textContent).toContain('Advices waiting: not known until the till service answers');
    expect(footer().textContent).not.toContain('Connected');
    expect(footer().textContent).not.toContain('All advices sent');
    expect(greenItems()).toEqual([]);
    act(() => bridge.setStream('open'));
    expect(await within(footer()).findByText('Connected to the local hub')).toBeTruthy();
    expect(footer().textContent).toContain('All advices sent');
  });

  test('when the till service stops answering the snapshot, the bar says the outbox is not known', async () => {
    const bridge = new FakeBridge();
    await renderSaleScreen(bridge);
    bridge.respond('snapshot', () => refused('UNAVAILABLE', 'The till service cannot be reached.'));
    act(() => bridge.setStream('open'));
    expect(await within(footer()).findByText(/Advices waiting: not known/)).toBeTruthy();
    expect(footer().textContent).not.toContain('Connected');
    expect(greenItems()).toEqual([]);
  });
});
