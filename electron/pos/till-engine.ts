import { createLogger, type Logger } from '../../common/logger.js';
import type {
  BridgeResult, ChargeInput, CsvExport, HistoryView, SaleView, SettingsInput, TillEvent, TillSettingsView, TillSnapshot,
  TillStatus,
} from '../preload/bridge-types.js';
import { DataLock } from './data-lock.js';
import type { TillEngine, TillEngineOptions } from './engine-host.js';
import { historyView, salesCsv } from './history.js';
import { HubClient } from './hub-client.js';
import { followTransaction } from './hub-events.js';
import { HubHealth } from './hub-health.js';
import { Outbox } from './outbox.js';
import { hubChangeRefusal } from './hub-change-guard.js';
import { PartnerOutcomeWatcher } from './partner-outcome.js';
import { ANSWER_NOT_RECORDED, cancelSale, dismissSale, voidSale, type SaleActionsDeps } from './sale-actions.js';
import { SaleFlow } from './sale-flow.js';
import { isActive, isPaying, saleView, type SaleRecord } from './sale-record.js';
import { recoverOnOpen, settleOnClose } from './sale-recovery.js';
import { interrupted } from './sale-rules.js';
import {
  applySettingsInput, settingsChangeProblems, settingsView, type TillSettings,
} from './settings.js';
import { StatusTracker } from './till-status.js';
import { TillStore, type CommitInfo } from './till-store.js';
import { ok, refuse } from './verbs.js';

// The POS engine: the retailer side of docs/protocol.md for one till, behind the TillVerbs contract. Runtime-agnostic Node
// (no Electron, no DOM): the Electron main process and the browser-mode till service host the same engine.

type Result<T> = BridgeResult<T>;

/** How long close() gives the reversals of the sales it cut off to reach the hub; the rest wait for the next open. */
const CLOSE_DELIVERY_MS = 3000;

/**
 * Locks the data folder (TillLockedError while another engine has it), opens the journal (JournalCorruptError or
 * JournalSetAsideError when it cannot be trusted), recovers, and starts the outbox.
 */
export async function openTillEngine(options: TillEngineOptions): Promise<TillEngine> {
  const logger = (options.logger ?? createLogger({ base: { service: 'till' } })).child({ component: 'pos' });
  const lock = await DataLock.acquire(options.dataDir, logger);
  let store: TillStore;
  try {
    store = await TillStore.open(options.dataDir, options.journalHooks);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const engine = new PosEngine(options, store, lock, logger);
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
  private readonly listeners = new Set<(event: TillEvent) => void>();
  private readonly flows = new Map<string, SaleFlow>();
  /** Sales whose pay answer the journal refused, as the screen shows them until their next write (see SaleFlow). */
  private readonly unrecorded = new Map<string, SaleRecord>();
  private readonly client: HubClient;
  private readonly health: HubHealth;
  private readonly outbox: Outbox;
  private readonly partnerOutcomes: PartnerOutcomeWatcher;
  private readonly status: StatusTracker;
  private readonly actions: SaleActionsDeps;
  private lastSale: string | undefined;
  private savingSettings = false;
  private closed = false;

  constructor(private readonly options: TillEngineOptions, private readonly store: TillStore, private readonly lock: DataLock,
    private readonly logger: Logger) {
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    this.client = new HubClient(() => this.settings);
    this.health = new HubHealth({
      settings: () => this.settings, now: this.now, logger: this.logger, onChange: () => this.status.update(),
    });
    this.outbox = new Outbox({
      store, client: this.client, settings: () => this.settings, now: this.now, logger: this.logger,
      onOutcome: (outcome) => this.health.observe(outcome),
    });
    this.partnerOutcomes = new PartnerOutcomeWatcher({
      store, client: this.client, settings: () => this.settings, now: this.now, logger: this.logger,
      follow: (tranId, onEvent, onEnd) => followTransaction(this.settings, tranId, onEvent, this.logger, onEnd),
    });
    this.status = new StatusTracker({
      health: this.health, settings: () => this.settings, sales: () => this.store.all(), now: this.now,
      emit: (status) => this.emit({ type: 'status', status }),
    });
    this.actions = {
      store, now: this.now, logger: this.logger, view: (sale) => this.viewOf(sale),
      settled: (saleId) => this.flows.get(saleId)?.settled(), unrecorded: (saleId) => this.unrecorded.has(saleId),
    };
  }

  async start(): Promise<void> {
    await recoverOnOpen(this.store, this.now(), this.logger);
    this.store.onCommit((info) => this.committed(info));
    this.status.prime();
    this.health.start();
    this.wakeAdvices();
    this.logger.info('till engine open', { journal: this.store.file, sales: this.store.all().length,
      outbox: this.status.current().outbox });
  }

  /** Advices to send, and delivered ones whose partner outcome is still to learn, are looked at again. */
  private wakeAdvices(): void {
    this.outbox.kick();
    this.partnerOutcomes.kick();
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
    for (const sale of info.changed) this.unrecorded.delete(sale.saleId);
    this.wakeAdvices();
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
    return saleView(this.unrecorded.get(sale.saleId) ?? sale, this.flows.get(sale.saleId)?.paySent ?? true);
  }

  /** The pay answer is lost but the sale stays paying on disk: shown as what its next write (or open) will make it. */
  private answerNotRecorded(saleId: string): void {
    const sale = this.store.get(saleId);
    const shown = sale && isPaying(sale) ? interrupted(sale, ANSWER_NOT_RECORDED, this.now()) : undefined;
    if (!sale || !shown) return;
    this.unrecorded.set(saleId, shown);
    if (this.currentRecord()?.saleId === saleId) this.emitSale(sale);
    this.emit({ type: 'history-changed' });
  }

  /** The sale on screen: the newest one not yet dismissed. */
  private currentRecord(): SaleRecord | undefined {
    let current: SaleRecord | undefined;
    for (const sale of this.store.all()) {
      if (!sale.dismissed && (!current || sale.startedAt >= current.startedAt)) current = sale;
    }
    return current;
  }

  /** A charge being recorded, or a sale waiting (even one whose flow failed: only cancel, New sale after an answer the
   *  journal refused, or a restart ends it). */
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
      if (this.savingSettings) return refuse('BUSY', 'The settings are being saved');
      const flow = new SaleFlow({
        store: this.store, client: this.client, settings: this.settings, now: this.now, logger: this.logger,
        onOutcome: (outcome) => this.health.observe(outcome),
        onUnrecorded: (saleId) => this.answerNotRecorded(saleId),
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
    return this.guard('cancel', () => cancelSale(this.actions, saleId));
  }

  voidSale(saleId: string): Promise<Result<SaleView>> {
    return this.guard('voidSale', () => voidSale(this.actions, saleId));
  }

  dismiss(saleId: string): Promise<Result<null>> {
    return this.guard('dismiss', () => dismissSale(this.actions, saleId));
  }

  history(day?: string | null): Promise<Result<HistoryView>> {
    return this.guard('history', () => ok(this.historyOf(day ?? undefined)));
  }

  exportCsv(day?: string | null): Promise<Result<CsvExport>> {
    return this.guard('exportCsv', () => ok(salesCsv(this.historyOf(day ?? undefined), this.settings.terminalId)));
  }

  private historyOf(day: string | undefined): HistoryView {
    return historyView(this.store.all().map((sale) => this.viewOf(sale)), this.settings.currency, this.now(), day);
  }

  saveSettings(input: SettingsInput): Promise<Result<TillSettingsView>> {
    return this.guard('saveSettings', async () => {
      if (this.busy() || this.savingSettings) return refuse('BUSY', 'Finish the sale in progress before changing settings');
      const previous = this.settings;
      const hubChange = hubChangeRefusal(previous, input, this.store.all());
      if (hubChange) return refuse('BUSY', hubChange);
      const problems = settingsChangeProblems(previous, input);
      if (problems) return refuse('INVALID_INPUT', 'Some settings need fixing', problems);
      const next = applySettingsInput(previous, input);
      this.savingSettings = true;
      try {
        await this.options.persistSettings?.(next);
      } catch (error) {
        this.logger.error('settings could not be saved', { error });
        return refuse('INTERNAL', 'The settings could not be saved');
      } finally {
        this.savingSettings = false;
      }
      this.settings = next;
      const view = settingsView(next);
      this.logger.info('settings saved', { hubUrl: next.hubUrl, hubMode: next.hubMode, clientId: next.clientId });
      this.emit({ type: 'settings', settings: view });
      if (next.hubUrl !== previous.hubUrl || next.clientId !== previous.clientId || next.password !== previous.password) {
        this.health.reset();
        this.partnerOutcomes.restart();
        this.wakeAdvices();
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
    const owed = await settleOnClose(this.store, this.now(), this.logger);
    if (owed.length > 0) {
      this.outbox.kick();
      await this.outbox.delivered(owed, CLOSE_DELIVERY_MS);
    }
    this.outbox.close();
    this.partnerOutcomes.close();
    this.health.close();
    this.client.close();
    await this.store.close();
    await this.lock.release();
    this.listeners.clear();
    this.logger.info('till engine closed', { outbox: this.status.current().outbox });
  }
}
