// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import type { SettingsInput } from '../../electron/preload/bridge-types';
import { FakeBridge, refused, settingsFixture } from './fake-bridge';
import { describedText, renderSaleScreen } from './render-app';

async function openSettings(bridge = new FakeBridge()) {
  const rendered = await renderSaleScreen(bridge);
  await rendered.user.keyboard('{F4}');
  await screen.findByRole('heading', { name: 'Settings' });
  return rendered;
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('Settings screen', () => {
  test('shows the current settings and that a password is set, without revealing it', async () => {
    await openSettings();
    expect(field('Hub URL').value).toBe('http://127.0.0.1:8480');
    expect(field('Terminal id').value).toBe('TILL0001');
    expect(field('Merchant name').value).toBe('Corner Grocer');
    expect(field('Password').value).toBe('');
    expect(describedText(field('Password'))).toMatch(/Password: set\./);
    expect((screen.getByRole('radio', { name: 'Local (runs on this till)' }) as HTMLInputElement).checked).toBe(true);
  });

  test('saves the form; an empty password keeps the current one', async () => {
    const { user, bridge } = await openSettings();
    await user.clear(field('Merchant city'));
    await user.type(field('Merchant city'), 'Durban');
    await user.click(screen.getByRole('radio', { name: 'Remote' }));
    await user.click(screen.getByRole('checkbox', { name: /customer display/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    const [saved] = bridge.callsOf('saveSettings') as SettingsInput[];
    expect(saved).toEqual({
      hubMode: 'remote', hubUrl: 'http://127.0.0.1:8480', clientId: 'till-01', terminalId: 'TILL0001',
      merchantId: '123456789012345', merchantName: 'Corner Grocer', merchantCity: 'Durban', currency: 'ZAR',
      locale: 'en-ZA', payTimeoutSeconds: 100, scanWindowSeconds: 55, customerDisplay: true,
    });
  });

  test('a typed password is sent', async () => {
    const { user, bridge } = await openSettings();
    await user.type(field('Password'), 's3cret');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    expect((bridge.callsOf('saveSettings')[0] as SettingsInput).password).toBe('s3cret');
  });

  test('checks lengths and formats before sending, next to each field', async () => {
    const { user, bridge } = await openSettings();
    await user.clear(field('Terminal id'));
    await user.type(field('Terminal id'), 'TILL1');
    await user.clear(field('Merchant id'));
    await user.type(field('Merchant id'), '1234567890123456');
    await user.clear(field('Merchant name'));
    await user.type(field('Merchant name'), 'The Very Long Corner Grocer');
    await user.clear(field('Merchant city'));
    await user.type(field('Merchant city'), 'Port Elizabeth East');
    await user.clear(field('Currency'));
    await user.type(field('Currency'), 'xyz');
    await user.clear(field('Hub URL'));
    await user.type(field('Hub URL'), 'ftp://hub');
    await user.clear(field('Scan window (seconds)'));
    await user.type(field('Scan window (seconds)'), '0');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(bridge.callsOf('saveSettings')).toEqual([]);
    expect(describedText(field('Terminal id'))).toContain('Must be exactly 8 characters (now 5).');
    expect(describedText(field('Merchant id'))).toContain('Must be exactly 15 characters (now 16).');
    expect(describedText(field('Merchant name'))).toContain('Must be at most 23 characters (now 27).');
    expect(describedText(field('Merchant city'))).toContain('Must be at most 13 characters (now 19).');
    expect(describedText(field('Currency'))).toContain('supported ISO 4217 code');
    expect(describedText(field('Hub URL'))).toContain('http or https URL');
    expect(describedText(field('Scan window (seconds)'))).toContain('between 1 and 600');
    expect(field('Terminal id').getAttribute('aria-invalid')).toBe('true');
    expect(field('Merchant city').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Hub URL'));
  });

  test('an error clears as the field is fixed', async () => {
    const { user } = await openSettings();
    await user.clear(field('Terminal id'));
    await user.type(field('Terminal id'), 'TILL1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(describedText(field('Terminal id'))).toContain('exactly 8');
    await user.type(field('Terminal id'), '234');
    expect(describedText(field('Terminal id'))).not.toContain('exactly 8');
    expect(field('Terminal id').getAttribute('aria-invalid')).toBeNull();
  });

  test('shows the till\'s INVALID_INPUT field errors next to the fields', async () => {
    const bridge = new FakeBridge().respond('saveSettings', () => refused('INVALID_INPUT', 'Invalid input', {
      merchantId: 'is not registered with the hub',
      locale: 'must be a locale such as en-ZA',
      something: 'unexpected',
    }));
    const { user } = await openSettings(bridge);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Is not registered with the hub.')).toBeTruthy();
    expect(describedText(field('Merchant id'))).toContain('Is not registered with the hub.');
    expect(describedText(field('Locale'))).toContain('Must be a locale such as en-ZA.');
    expect(screen.getByText(/The till did not save the settings: Invalid input Unexpected\./)).toBeTruthy();
    expect(document.activeElement).toBe(field('Merchant id'));
  });

  test('a saved change reaches the rest of the till (the Sale screen uses the new currency)', async () => {
    const { user } = await openSettings(new FakeBridge({ settings: settingsFixture({ currency: 'ZAR' }) }));
    await user.clear(field('Currency'));
    await user.type(field('Currency'), 'usd');
    await user.clear(field('Locale'));
    await user.type(field('Locale'), 'en-US');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    await user.keyboard('{F2}');
    await user.type(await screen.findByRole('textbox', { name: 'Amount' }), '1234.5');
    expect(screen.getByText('$1,234.50')).toBeTruthy();
  });
});
