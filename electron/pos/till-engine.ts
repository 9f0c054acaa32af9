import { createLogger, type Logger } from '../../common/logger.js';
import type {
  BridgeResult, ChargeInput, CsvExport, HistoryView, SaleView, SettingsInput, TillEvent, TillSettingsView, TillSnapshot,
  TillStatus,
} from '../preload/bridge-types.js';
import type { TillEngine, TillEngineOptions } from './engine-host.js';
import { historyView, salesCsv } from './history.js';
import { HubClient } from './hub-client.js';
import { followTransaction } from './hub-events.js';
import { HubHealth } from './hub-health.js';
import { Outbox } from './outbox.js';
import { SaleFlow } from './sale-flow.js';
import { isActive, saleView, type SaleRecord } from './sale-record.js';
import { canVoid, cancelled, dismissed, expired, recovered, voided } from './sale-rules.js';
import { applySettingsInput, settingsView, type TillSettings } from './settings.js';
import { StatusTracker } from './till-status.js';
import { TillStore, type CommitInfo } from './till-store.js';

// The POS engine: the retailer side of flows.md for one till, behind the TillVerbs contract. Runtime-agnostic Node
// (no Electron, no DOM): the Electron main process and the browser-mode till service host the same engine.

type Result<T> = BridgeResult<T>;
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const refuse = (code: 'BUSY' | 'NOT_FOUND' | 'NOT_ALLOWED' | 'UNAVAILABLE' | 'INTERNAL', message: string): Result<never> =>
  ({ ok: false, code, message });

/** Opens the journal (throws if it is corrupt: it is moved aside first), recovers, and starts the outbox. */
export async function openTillEngine(options: TillEngineOptions): Promise<TillEngine> {
  const store = await TillStore.open(options.dataDir);
  const engine = new PosEngine(options, store);
  try {
    await engine.start();
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
}

class PosEngine implements TillEngine {
  private settings: TillSettings;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly listeners = new Set<(event: TillEvent) => void>();
  private readonly flows = new Map<string, SaleFlow>();
  private readonly client: HubClient;
  private readonly health: HubHealth;
  private readonly outbox: Outbox;
  private readonly status: StatusTracker;
  private lastSale: string | undefined;
  private closed = false;

  constructor(private readonly options: TillEngineOptions, private readonly store: TillStore) {
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    this.logger = (options.logger ?? createLogger({ base: { service: 'till' } })).child({ component: 'pos' });
    this.client = new HubClient(() => this.settings);
    this.health = new HubHealth({
      settings: () => this.settings, now: this.now, logger: this.logger, onChange: () => this.status.update(),
    });
    this.outbox = new Outbox({
      store, client: this.client, settings: () => this.settings, now: this.now, logger: this.logger,
      onOutcome: (outcome) => this.health.observe(outcome),
    });
    this.status = new StatusTracker({
      health: this.health, settings: () => this.settings, sales: () => this.store.all(),
      emit: (status) => this.emit({ type: 'status', status }),
    });
  }

  async start(): Promise<void> {
    const now = this.now();
    await this.store.transact((tx) => {
      for (const sale of tx.all()) {
        if (expired(sale, now)) {
          tx.remove(sale.saleId);
          continue;
        }
        const next = recovered(sale, now);
        if (!next) continue;
        if (next.phase !== sale.phase) {
          this.logger.warn('sale interrupted by a restart', { saleId: sale.saleId, tranId: sale.tranId, was: sale.phase,
            now: next.phase, reversal: next.advice?.reversalReason });
        }
        tx.put(next);
      }
    });
    this.store.onCommit((info) => this.committed(info));
    this.status.prime();
    this.health.start();
    this.outbox.kick();
    this.logger.info('till engine open', { journal: this.store.file, sales: this.store.all().length,
      outbox: this.status.current().outbox });
  }

  // ---- events

  subscribe(listener: (event: TillEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: TillEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn('event listener failed', { error, type: event.type });
      }
    }
  }

  private committed(info: CommitInfo): void {
    this.outbox.kick();
    this.emit({ type: 'history-changed' });
    const current = this.currentRecord();
    if (current && info.changed.some((sale) => sale.saleId === current.saleId)) this.emitSale(current);
    this.status.update();
  }

  private emitSale(sale: SaleRecord): void {
    const view = this.viewOf(sale);
    const key = JSON.stringify(view);
    if (key === this.lastSale) return;
    this.lastSale = key;
    this.emit({ type: 'sale', sale: view });
  }

  private viewOf(sale: SaleRecord): SaleView {
    return saleView(sale, this.flows.get(sale.saleId)?.paySent ?? true);
  }

  /** The sale on screen: the newest one not yet dismissed. */
  private currentRecord(): SaleRecord | undefined {
    let current: SaleRecord | undefined;
    for (const sale of this.store.all()) {
      if (!sale.dismissed && (!current || sale.startedAt >= current.startedAt)) current = sale;
    }
    return current;
  }

  /** A charge being recorded, or a sale waiting (even one whose flow failed: only cancel or a restart ends it). */
  private busy(): boolean {
    return [...this.flows.values()].some((flow) => !flow.recorded) || isActive(this.currentRecord());
  }

  /** Every verb answers a result: refused once closed, INTERNAL (logged) on an unexpected failure. */
  private async guard<T>(verb: string, work: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> {
    if (this.closed) return refuse('UNAVAILABLE', 'The till is shutting down');
    try {
      return await work();
    } catch (error) {
      this.logger.error('verb failed', { verb, error });
      return refuse('INTERNAL', 'The till could not do that');
    }
  }

  // ---- verbs

  snapshot(): Promise<Result<TillSnapshot>> {
    return this.guard('snapshot', () => {
      const current = this.currentRecord();
      const snapshot: TillSnapshot = { settings: settingsView(this.settings), status: this.status.current() };
      if (current) snapshot.current = this.viewOf(current);
      return ok(snapshot);
    });
  }

  charge(input: ChargeInput): Promise<Result<SaleView>> {
    return this.guard('charge', () => {
      if (this.busy()) return refuse('BUSY', 'A sale is already in progress');
      const flow = new SaleFlow({
        store: this.store, client: this.client, settings: this.settings, now: this.now, logger: this.logger,
        onOutcome: (outcome) => this.health.observe(outcome),
        onPaySent: (saleId) => {
          const current = this.currentRecord();
          if (current?.saleId === saleId) this.emitSale(current);
        },
        view: (saleId) => {
          const sale = this.store.get(saleId);
          return sale && this.viewOf(sale);
        },
        follow: (tranId, onEvent) => followTransaction(this.settings, tranId, onEvent, this.logger),
      });
      this.flows.set(flow.saleId, flow);
      void flow.run(input).finally(() => this.flows.delete(flow.saleId));
      return flow.ready;
    });
  }

  cancel(saleId: string): Promise<Result<SaleView>> {
    return this.guard('cancel', async () => {
      const sale = this.store.get(saleId);
      if (!sale) return refuse('NOT_FOUND', 'No such sale');
      if (!isActive(sale)) return refuse('NOT_ALLOWED', `The sale is no longer waiting (it is ${sale.phase})`);
      const done = await this.store.transact((tx) => {
        const current = tx.get(saleId);
        if (!isActive(current)) return undefined;
        const next = cancelled(current!, this.now());
        tx.put(next);
        return next;
      });
      if (!done) return refuse('NOT_ALLOWED', `The sale is no longer waiting (it is ${this.store.get(saleId)?.phase})`);
      this.logger.info('sale cancelled', { saleId, tranId: done.tranId, reversal: done.advice?.reversalReason ?? 'none' });
      this.flows.get(saleId)?.settled();
      return ok(this.viewOf(done));
    });
  }

  voidSale(saleId: string): Promise<Result<SaleView>> {
    return this.guard('voidSale', async () => {
      const sale = this.store.get(saleId);
      if (!sale) return refuse('NOT_FOUND', 'No such sale');
      if (sale.phase !== 'approved') return refuse('NOT_ALLOWED', `Only an approved sale can be voided (this one is ${sale.phase})`);
      const done = await this.store.transact((tx) => {
        const current = tx.get(saleId);
        if (!current || !canVoid(current)) return undefined;
        const next = voided(current, this.now());
        tx.put(next);
        return next;
      });
      if (!done) {
        return refuse('NOT_ALLOWED',
          'The payment has already been confirmed to the hub, so it can no longer be voided; refunds are not supported');
      }
      this.logger.info('sale voided', { saleId, tranId: done.tranId });
      return ok(this.viewOf(done));
    });
  }

  dismiss(saleId: string): Promise<Result<null>> {
    return this.guard('dismiss', async () => {
      const sale = this.store.get(saleId);
      if (!sale) return refuse('NOT_FOUND', 'No such sale');
      if (isActive(sale)) return refuse('NOT_ALLOWED', 'The sale is still in progress: cancel it first');
      if (sale.dismissed) return ok(null);
      await this.store.transact((tx) => {
        const current = tx.get(saleId);
        if (current && !current.dismissed && !isActive(current)) tx.put(dismissed(current, this.now()));
      });
      return ok(null);
    });
  }

  history(): Promise<Result<HistoryView>> {
    return this.guard('history', () => ok(this.historyNow()));
  }

  exportCsv(): Promise<Result<CsvExport>> {
    return this.guard('exportCsv', () => ok(salesCsv(this.historyNow())));
  }

  private historyNow(): HistoryView {
    return historyView(this.store.all().map((sale) => this.viewOf(sale)), this.settings.currency, this.now());
  }

  saveSettings(input: SettingsInput): Promise<Result<TillSettingsView>> {
    return this.guard('saveSettings', async () => {
      if (this.busy()) return refuse('BUSY', 'Finish the sale in progress before changing settings');
      const previous = this.settings;
      const next = applySettingsInput(previous, input);
      try {
        await this.options.persistSettings?.(next);
      } catch (error) {
        this.logger.error('settings could not be saved', { error });
        return refuse('INTERNAL', 'The settings could not be saved');
      }
      this.settings = next;
      const view = settingsView(next);
      this.logger.info('settings saved', { hubUrl: next.hubUrl, hubMode: next.hubMode, clientId: next.clientId });
      this.emit({ type: 'settings', settings: view });
      if (next.hubUrl !== previous.hubUrl || next.clientId !== previous.clientId || next.password !== previous.password) {
        this.health.reset();
        this.outbox.kick();
      }
      this.status.update();
      return ok(view);
    });
  }

  // ---- host

  setServices(services: TillStatus['services']): void {
    if (this.closed) return;
    const hubCameUp = services?.hub === 'running' && this.status.current().services?.hub !== 'running';
    this.status.setServices(services);
    // A local hub that has just become healthy should show as connected now, not at the next periodic check.
    if (hubCameUp) void this.health.check();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const flow of this.flows.values()) flow.close();
    this.outbox.close();
    this.health.close();
    this.client.close();
    await this.store.close();
    this.listeners.clear();
    this.logger.info('till engine closed');
  }
}
