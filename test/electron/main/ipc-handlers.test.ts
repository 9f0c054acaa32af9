import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VERB_NAMES } from '../../../electron/pos/verbs.js';
import type { TillEvent } from '../../../electron/preload/bridge-types.js';
import { fake, FakeFrame, FakeWebContents } from './fake-electron.js';
import { fakeEngine, recordingLogger, type FakeEngine } from './fake-engine.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fake);

const { registerIpcHandlers } = await import('../../../electron/main/ipc-handlers.js');
const { appPaths } = await import('../../../electron/main/window-factory.js');

const paths = appPaths('/opt/qr-till');
const PAGE = pathToFileURL(paths.rendererIndex).href;
const SALE_ID = '3f2b8c1e-7d4a-4e5b-9c6d-1a2b3c4d5e6f';

interface Setup {
  engine: FakeEngine;
  main: FakeWebContents;
  customer: FakeWebContents;
  logger: ReturnType<typeof recordingLogger>;
  dispose(): void;
}

let setup: Setup;

beforeEach(() => {
  fake.ipcMain.handlers.clear();
  vi.clearAllMocks();
  const engine = fakeEngine();
  const main = new FakeWebContents();
  main.show(`${PAGE}#/sale`);
  const customer = new FakeWebContents();
  customer.show(`${PAGE}#/customer`);
  const logger = recordingLogger();
  const registration = registerIpcHandlers({
    engine,
    windows: () => [{ role: 'main', webContents: main as never }, { role: 'customer', webContents: customer as never }],
    paths,
    logger,
  });
  setup = { engine, main, customer, logger, dispose: () => registration.dispose() };
});

/** Calls a handler as ipcMain would for an invoke from `frame` of `sender`. */
function call(verb: string, payload: unknown, sender: FakeWebContents = setup.main, frame: FakeFrame | null = sender.mainFrame) {
  const handler = fake.ipcMain.handlers.get(`till:${verb}`);
  if (!handler) throw new Error(`no handler for till:${verb}`);
  return handler({ sender, senderFrame: frame, frameId: 1, processId: 1 }, payload) as Promise<unknown>;
}

function engineCalls(engine: FakeEngine): number {
  return VERB_NAMES.reduce((sum, verb) => sum + vi.mocked(engine[verb]).mock.calls.length, 0);
}

describe('registerIpcHandlers', () => {
  it('registers one till:<verb> handler per verb and nothing else', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(VERB_NAMES.map((verb) => `till:${verb}`).sort());
  });

  it('passes a good payload to the engine and answers its result', async () => {
    await expect(call('charge', { amountMinor: 1250 })).resolves.toEqual({
      ok: true, value: { verb: 'charge', input: { amountMinor: 1250 } },
    });
    expect(setup.engine.charge).toHaveBeenCalledWith({ amountMinor: 1250 });
    await expect(call('cancel', SALE_ID)).resolves.toMatchObject({ ok: true, value: { verb: 'cancel', input: SALE_ID } });
    await expect(call('snapshot', undefined)).resolves.toMatchObject({ ok: true, value: { verb: 'snapshot' } });
  });

  it('passes History a valid day and refuses a bad one before the engine', async () => {
    await expect(call('history', '2025-03-14')).resolves.toMatchObject({ ok: true, value: { verb: 'history', input: '2025-03-14' } });
    await expect(call('exportCsv', null)).resolves.toMatchObject({ ok: true, value: { verb: 'exportCsv', input: null } });
    await expect(call('history', '2025-13-01')).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await expect(call('exportCsv', 'yesterday')).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(setup.engine.history).toHaveBeenCalledTimes(1);
    expect(setup.engine.exportCsv).toHaveBeenCalledTimes(1);
  });

  describe('refuses a foreign sender with NOT_ALLOWED, never reaching the engine', () => {
    async function refused(verb: string, payload: unknown, sender: FakeWebContents, frame: FakeFrame | null) {
      await expect(call(verb, payload, sender, frame)).resolves.toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'Not allowed' });
      expect(engineCalls(setup.engine)).toBe(0);
      expect(setup.logger.lines.at(-1)).toMatchObject({ level: 'warn', msg: 'refused an IPC call' });
    }

    it('a window showing another URL', async () => {
      setup.main.show('https://evil.example/#/sale');
      await refused('charge', { amountMinor: 100 }, setup.main, setup.main.mainFrame);
    });

    it('another local file', async () => {
      setup.main.show(pathToFileURL('/tmp/index.html').href);
      await refused('snapshot', undefined, setup.main, setup.main.mainFrame);
    });

    it('a subframe of an app window, even one showing the app page', async () => {
      await refused('charge', { amountMinor: 100 }, setup.main, new FakeFrame(PAGE, setup.main.mainFrame));
    });

    it('a top-level frame that is not the window\'s main frame', async () => {
      await refused('charge', { amountMinor: 100 }, setup.main, new FakeFrame(PAGE, null));
    });

    it('an unknown webContents showing the app page', async () => {
      const stranger = new FakeWebContents();
      stranger.show(PAGE);
      await refused('charge', { amountMinor: 100 }, stranger, stranger.mainFrame);
    });

    it('a destroyed window', async () => {
      setup.main.destroyed = true;
      await refused('snapshot', undefined, setup.main, setup.main.mainFrame);
    });

    it('a call without a sender frame (navigated away or gone)', async () => {
      await refused('snapshot', undefined, setup.main, null);
    });

    it('a detached frame', async () => {
      setup.main.mainFrame.detached = true;
      await refused('snapshot', undefined, setup.main, setup.main.mainFrame);
    });

    it('the customer display asking for anything but the snapshot', async () => {
      await refused('charge', { amountMinor: 100 }, setup.customer, setup.customer.mainFrame);
      await refused('saveSettings', {}, setup.customer, setup.customer.mainFrame);
    });
  });

  it('lets the customer display read the snapshot', async () => {
    await expect(call('snapshot', null, setup.customer)).resolves.toMatchObject({ ok: true });
    expect(setup.engine.snapshot).toHaveBeenCalledOnce();
  });

  describe('answers INVALID_INPUT to a bad payload without reaching the engine', () => {
    it.each([
      ['charge', { amountMinor: -5 }],
      ['charge', { amountMinor: 0 }],
      ['charge', { amountMinor: 12.5 }],
      ['charge', { amountMinor: '1250' }],
      ['charge', '1250'],
      ['charge', { amountMinor: 100, extra: true }],
      ['charge', { amountMinor: 100, basket: [{ description: 'Tea', quantity: 1, unitPriceMinor: 99 }] }],
      ['cancel', 'not-a-uuid'],
      ['cancel', { saleId: SALE_ID }],
      ['voidSale', 42],
      ['dismiss', undefined],
      ['snapshot', { sneaky: 1 }],
      ['saveSettings', { hubMode: 'local' }],
    ])('%s %j', async (verb, payload) => {
      const result = await call(verb, payload);
      expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(engineCalls(setup.engine)).toBe(0);
    });
  });

  it('forwards engine events to every app window showing the app page', () => {
    const event: TillEvent = { type: 'history-changed' };
    setup.engine.emit(event);
    expect(setup.main.sent).toEqual([{ channel: 'till:event', data: event }]);
    expect(setup.customer.sent).toEqual([{ channel: 'till:event', data: event }]);

    setup.customer.destroyed = true;
    setup.main.show('https://evil.example/');
    setup.engine.emit({ type: 'history-changed' });
    expect(setup.main.sent).toHaveLength(1);
    expect(setup.customer.sent).toHaveLength(1);
  });

  it('dispose removes every handler and stops forwarding', () => {
    setup.dispose();
    expect(fake.ipcMain.handlers.size).toBe(0);
    setup.engine.emit({ type: 'history-changed' });
    expect(setup.main.sent).toHaveLength(0);
  });
});
