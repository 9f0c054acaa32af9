// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { FakeBridge, statusFixture } from './fake-bridge';
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
        services: { hub: 'restarting', partner: 'running' },
        outbox: { pending: 1, rejected: 0, overdue: 0, partnerRefused: 0 },
      },
    }));
    expect(footer().textContent).toContain('The remote hub is unreachable');
    expect(footer().textContent).toContain('1 advice waiting to be sent');
    expect(footer().textContent).toContain('Hub service restarting');
    expect(footer().textContent).toContain('Demo partner running');
    expect(footer().textContent).not.toContain('All advices sent');
  });
});
