import { Menu, type MenuItemConstructorOptions } from 'electron';

// App-level items only; navigation between till screens belongs to the renderer. The Edit menu is what makes the
// clipboard shortcuts work in the Settings form on macOS.

export interface AppMenuOptions {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  customerDisplayOpen: boolean;
  toggleCustomerDisplay: () => void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', accelerator: 'CmdOrCtrl+R', enabled: !options.isPackaged },
    { role: 'togglefullscreen', accelerator: 'F11' },
    {
      id: 'customer-display',
      label: 'Customer display',
      type: 'checkbox',
      checked: options.customerDisplayOpen,
      accelerator: 'CmdOrCtrl+Shift+D',
      click: () => options.toggleCustomerDisplay(),
    },
  ];
  if (!options.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools', accelerator: 'CmdOrCtrl+Shift+I' });
  const template: MenuItemConstructorOptions[] = [
    { label: 'Till', submenu: [{ role: 'quit', label: 'Quit QR Till', accelerator: 'CmdOrCtrl+Q' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' }, { role: 'redo' }, { type: 'separator' },
        { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
      ],
    },
    { label: 'View', submenu: view },
  ];
  return options.platform === 'darwin' ? [{ role: 'appMenu' }, ...template.slice(1)] : template;
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
