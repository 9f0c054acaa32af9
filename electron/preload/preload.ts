import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeResult, TillBridge, TillEvent, VerbName } from './bridge-types.js';
import { EVENT_CHANNEL, verbChannel } from './channels.js';

// The renderer's only door to the till: one named function per verb and an event subscription. The page never sees
// ipcRenderer, channel names or the IPC event object. Bundled into one CommonJS file because a sandboxed preload
// cannot require local modules.

function invoke<T>(verb: VerbName, payload?: unknown): Promise<BridgeResult<T>> {
  return ipcRenderer.invoke(verbChannel(verb), payload) as Promise<BridgeResult<T>>;
}

const till = {
  snapshot: () => invoke('snapshot'),
  charge: (input) => invoke('charge', input),
  cancel: (saleId) => invoke('cancel', saleId),
  voidSale: (saleId) => invoke('voidSale', saleId),
  dismiss: (saleId) => invoke('dismiss', saleId),
  history: (day) => invoke('history', day),
  exportCsv: (day) => invoke('exportCsv', day),
  saveSettings: (input) => invoke('saveSettings', input),
  onEvent: (listener) => {
    const forward = (_event: IpcRendererEvent, data: TillEvent) => listener(data);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies TillBridge;

contextBridge.exposeInMainWorld('till', till);
