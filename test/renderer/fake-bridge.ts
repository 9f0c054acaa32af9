import type {
  BridgeResult, ChargeInput, CsvExport, HistoryView, SaleView, SettingsInput, TillEvent, TillSettingsView, TillSnapshot,
  TillStatus, VerbName,
} from '../../electron/preload/bridge-types';
import type { ConnectedBridge, EventStreamState } from '../../renderer/bridge/connected-bridge';

// An in-memory till for component tests: records every verb call, answers with sensible defaults that a test can
// replace per verb, and lets the test push TillEvents and stream state changes as the engine would.

export const SALE_ID = '0b7a4c8e-3f51-4d2a-9c1e-6a2f0d9e8b71';
export const QR_PAYLOAD = '00020126580014za.co.qrtill0132a1b2c3d4e5f60718293a4b5c6d7e8f9052045411';

export function settingsFixture(overrides: Partial<TillSettingsView> = {}): TillSettingsView {
  return {
    hubMode: 'local',
    hubUrl: 'http://127.0.0.1:8480',
    clientId: 'till-01',
    passwordSet: true,
    terminalId: 'TILL0001',
    merchantId: '123456789012345',
    merchantName: 'Corner Grocer',
    merchantCity: 'Cape Town',
    currency: 'ZAR',
    locale: 'en-ZA',
    payTimeoutSeconds: 100,
    scanWindowSeconds: 55,
    demoMode: false,
    customerDisplay: false,
    ...overrides,
  };
}

export function statusFixture(overrides: Partial<TillStatus> = {}): TillStatus {
  return {
    hub: { state: 'connected', url: 'http://127.0.0.1:8480', mode: 'local' },
    outbox: { pending: 0, rejected: 0, overdue: 0, partnerRefused: 0 },
    ...overrides,
  };
}

let clock = Date.parse('2025-03-14T10:00:00.000Z');

/** A sale; every call moves `updatedAt` forward so later fixtures win over earlier ones, as on a real till. */
export function saleFixture(overrides: Partial<SaleView> = {}): SaleView {
  clock += 1000;
  return {
    saleId: SALE_ID,
    startedAt: '2025-03-14T10:00:00.000Z',
    updatedAt: new Date(clock).toISOString(),
    amountMinor: 12345,
    currency: 'ZAR',
    phase: 'awaiting-scan',
    tranId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    qrPayload: QR_PAYLOAD,
    scanDeadline: new Date(Date.now() + 55_000).toISOString(),
    ...overrides,
  };
}

export function historyFixture(overrides: Partial<HistoryView> = {}): HistoryView {
  return {
    day: '2025-03-14',
    today: '2025-03-14',
    days: ['2025-03-14', '2025-03-12'],
    currency: 'ZAR',
    sales: [
      saleFixture({
        saleId: '1f0e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b', phase: 'approved', amountMinor: 5000, approvedMinor: 5000,
        partnerName: 'Demo Wallet', startedAt: '2025-03-14T10:05:00.000Z',
        advice: { kind: 'confirmation', delivery: 'pending', attempts: 1, queuedAt: '2025-03-14T10:05:01.000Z' },
      }),
      saleFixture({
        saleId: '2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d', phase: 'declined', amountMinor: 700,
        outcome: { errorType: 'INSUFFICIENT_FUNDS' }, startedAt: '2025-03-14T10:03:00.000Z',
      }),
      saleFixture({
        saleId: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9', phase: 'approved', amountMinor: 2550, approvedMinor: 2550,
        partnerName: 'Other Pay', startedAt: '2025-03-14T10:01:00.000Z',
        advice: { kind: 'confirmation', delivery: 'rejected', attempts: 3, queuedAt: '2025-03-14T10:01:01.000Z' },
      }),
    ],
    totals: [
      { partnerName: 'Demo Wallet', count: 3, amountMinor: 15000 },
      { partnerName: 'Other Pay', count: 1, amountMinor: 2550 },
    ],
    ...overrides,
  };
}

export interface VerbCall {
  verb: VerbName;
  payload: unknown;
}

type Answer<T> = BridgeResult<T> | Promise<BridgeResult<T>>;

interface Handlers {
  snapshot: () => Answer<TillSnapshot>;
  charge: (input: ChargeInput) => Answer<SaleView>;
  cancel: (saleId: string) => Answer<SaleView>;
  voidSale: (saleId: string) => Answer<SaleView>;
  dismiss: (saleId: string) => Answer<null>;
  history: (day?: string) => Answer<HistoryView>;
  exportCsv: (day?: string) => Answer<CsvExport>;
  saveSettings: (input: SettingsInput) => Answer<TillSettingsView>;
}

export function ok<T>(value: T): BridgeResult<T> {
  return { ok: true, value };
}

export function refused(
  code: 'INVALID_INPUT' | 'BUSY' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'UNAVAILABLE' | 'INTERNAL',
  message: string,
  fields?: Record<string, string>,
): BridgeResult<never> {
  return fields ? { ok: false, code, message, fields } : { ok: false, code, message };
}

/** A promise the test settles by hand, to look at the screen while a verb is still running. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

export class FakeBridge implements ConnectedBridge {
  readonly calls: VerbCall[] = [];
  snapshotValue: TillSnapshot;
  private readonly eventListeners = new Set<(event: TillEvent) => void>();
  private readonly streamListeners = new Set<(state: EventStreamState) => void>();
  private readonly handlers: Handlers;

  constructor(snapshot: Partial<TillSnapshot> = {}) {
    this.snapshotValue = { settings: settingsFixture(), status: statusFixture(), ...snapshot };
    this.handlers = {
      snapshot: () => ok(this.snapshotValue),
      charge: (input) => {
        const sale = saleFixture({ amountMinor: input.amountMinor, ...(input.basket ? { basket: input.basket } : {}) });
        this.snapshotValue = { ...this.snapshotValue, current: sale };
        return ok(sale);
      },
      cancel: (saleId) => ok(saleFixture({ saleId, phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false } })),
      voidSale: (saleId) => ok(saleFixture({ saleId, phase: 'voided', outcome: { reason: 'voided' } })),
      dismiss: () => {
        const { current: _dismissed, ...rest } = this.snapshotValue;
        this.snapshotValue = rest;
        return ok(null);
      },
      history: () => ok(historyFixture()),
      exportCsv: () => ok({ filename: 'qr-till-2025-03-14.csv', csv: 'time,amount\n10:05,50.00\n' }),
      saveSettings: (input) => {
        const { password, ...rest } = input;
        const settings = { ...this.snapshotValue.settings, ...rest, passwordSet: this.snapshotValue.settings.passwordSet || !!password };
        this.snapshotValue = { ...this.snapshotValue, settings };
        return ok(settings);
      },
    };
  }

  /** Replaces how one verb answers. */
  respond<V extends VerbName>(verb: V, handler: Handlers[V]): this {
    this.handlers[verb] = handler;
    return this;
  }

  callsOf(verb: VerbName): unknown[] {
    return this.calls.filter((call) => call.verb === verb).map((call) => call.payload);
  }

  emit(event: TillEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  setStream(state: EventStreamState): void {
    for (const listener of [...this.streamListeners]) listener(state);
  }

  private async run<T>(verb: VerbName, payload: unknown, answer: () => Answer<T>): Promise<BridgeResult<T>> {
    this.calls.push({ verb, payload });
    return answer();
  }

  snapshot = () => this.run('snapshot', null, () => this.handlers.snapshot());
  charge = (input: ChargeInput) => this.run('charge', input, () => this.handlers.charge(input));
  cancel = (saleId: string) => this.run('cancel', saleId, () => this.handlers.cancel(saleId));
  voidSale = (saleId: string) => this.run('voidSale', saleId, () => this.handlers.voidSale(saleId));
  dismiss = (saleId: string) => this.run('dismiss', saleId, () => this.handlers.dismiss(saleId));
  history = (day?: string) => this.run('history', day ?? null, () => this.handlers.history(day));
  exportCsv = (day?: string) => this.run('exportCsv', day ?? null, () => this.handlers.exportCsv(day));
  saveSettings = (input: SettingsInput) => this.run('saveSettings', input, () => this.handlers.saveSettings(input));

  onEvent(listener: (event: TillEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStreamState(listener: (state: EventStreamState) => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }
}
