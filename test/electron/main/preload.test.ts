import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { VERB_NAMES } from '../../../electron/pos/verbs.js';
import type { TillBridge, TillEvent } from '../../../electron/preload/bridge-types.js';
import { fake } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

await import('../../../electron/preload/preload.js');
const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('preload', () => {
  it('exposes exactly one key, till, once', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(Object.keys(fake.contextBridge.exposed)).toEqual(['till']);
  });

  const till = () => fake.contextBridge.exposed.till as TillBridge;

  it('the bridge has one function per verb and onEvent, nothing else', () => {
    expect(Object.keys(till()).sort()).toEqual([...VERB_NAMES, 'onEvent'].sort());
    for (const value of Object.values(till())) expect(typeof value).toBe('function');
  });

  it.each([
    ['snapshot', undefined],
    ['charge', { amountMinor: 1250 }],
    ['cancel', '3f2b8c1e-7d4a-4e5b-9c6d-1a2b3c4d5e6f'],
    ['voidSale', '3f2b8c1e-7d4a-4e5b-9c6d-1a2b3c4d5e6f'],
    ['dismiss', '3f2b8c1e-7d4a-4e5b-9c6d-1a2b3c4d5e6f'],
    ['history', undefined],
    ['history', '2025-03-14'],
    ['exportCsv', undefined],
    ['exportCsv', '2025-03-14'],
    ['saveSettings', { hubMode: 'remote' }],
  ] as const)('%s invokes till:%s with the payload and answers the result', async (verb, payload) => {
    fake.ipcRenderer.invoke.mockClear();
    const run = till()[verb] as (argument?: unknown) => Promise<unknown>;
    await expect(run(payload)).resolves.toEqual({ ok: true, value: { channel: `till:${verb}`, payload } });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledOnce();
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(`till:${verb}`, payload);
  });

  it('onEvent passes only the event data and unsubscribes', () => {
    const seen: unknown[][] = [];
    const unsubscribe = till().onEvent((...args: unknown[]) => void seen.push(args));
    const event: TillEvent = { type: 'history-changed' };
    const ipcEvent = { sender: { send: () => undefined }, ports: [] };
    fake.ipcRenderer.listeners.emit('till:event', ipcEvent, event);
    expect(seen).toEqual([[event]]);
    expect(fake.ipcRenderer.listeners.listenerCount('till:event')).toBe(1);

    unsubscribe();
    expect(fake.ipcRenderer.listeners.listenerCount('till:event')).toBe(0);
    fake.ipcRenderer.listeners.emit('till:event', ipcEvent, event);
    expect(seen).toHaveLength(1);
  });

  it('bundles into one CommonJS file that requires nothing but electron (a sandboxed preload cannot)', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'electron', 'preload', 'preload.ts')],
      bundle: true, platform: 'node', format: 'cjs', external: ['electron'], write: false, logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/\brequire\(\s*[^"'`\s]/);
  });
});
