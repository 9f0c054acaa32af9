import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

const { appMenuTemplate, installAppMenu } = await import('../../../electron/main/app-menu.js');

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const options = { platform: 'linux' as const, customerDisplayOpen: false, toggleCustomerDisplay: () => undefined };

describe('application menu', () => {
  it('packaged: reload disabled, no DevTools, full screen on F11, quit on Ctrl+Q', () => {
    const all = items(appMenuTemplate({ ...options, isPackaged: true }));
    expect(all.find((item) => item.role === 'reload')).toMatchObject({ enabled: false });
    expect(all.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(all.find((item) => item.role === 'togglefullscreen')).toMatchObject({ accelerator: 'F11' });
    expect(all.find((item) => item.role === 'quit')).toMatchObject({ accelerator: 'CmdOrCtrl+Q' });
  });

  it('development: reload enabled and DevTools present', () => {
    const all = items(appMenuTemplate({ ...options, isPackaged: false }));
    expect(all.find((item) => item.role === 'reload')).toMatchObject({ enabled: true });
    expect(all.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('the Customer display item toggles the customer window and shows whether it is open', () => {
    const toggle = vi.fn();
    const item = items(appMenuTemplate({ ...options, isPackaged: true, customerDisplayOpen: true, toggleCustomerDisplay: toggle }))
      .find((entry) => entry.id === 'customer-display')!;
    expect(item).toMatchObject({ type: 'checkbox', checked: true });
    (item.click as () => void)();
    expect(toggle).toHaveBeenCalledOnce();
  });

  it('installs the built menu as the application menu', () => {
    installAppMenu({ ...options, isPackaged: true });
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(fake.Menu.buildFromTemplate.mock.results[0]!.value);
  });
});
