import { vi } from 'vitest';
import type { TillEngine } from '../../../electron/pos/engine-host.js';
import type { TillEvent, TillStatus } from '../../../electron/preload/bridge-types.js';

// A TillEngine that records what it is asked and answers a recognisable result per verb.

export interface FakeEngine extends TillEngine {
  listeners: Set<(event: TillEvent) => void>;
  services: TillStatus['services'][];
  emit(event: TillEvent): void;
}

export function fakeEngine(): FakeEngine {
  const listeners = new Set<(event: TillEvent) => void>();
  const answer = (verb: string) => vi.fn(async (input?: unknown) => ({ ok: true as const, value: { verb, input } as never }));
  const engine: FakeEngine = {
    listeners,
    services: [],
    snapshot: answer('snapshot'),
    charge: answer('charge'),
    cancel: answer('cancel'),
    voidSale: answer('voidSale'),
    dismiss: answer('dismiss'),
    history: answer('history'),
    exportCsv: answer('exportCsv'),
    saveSettings: answer('saveSettings'),
    subscribe: vi.fn((listener: (event: TillEvent) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }),
    setServices: vi.fn((services: TillStatus['services']) => void engine.services.push(services)),
    close: vi.fn(async () => undefined),
    emit: (event) => listeners.forEach((listener) => listener(event)),
  };
  return engine;
}

export function recordingLogger() {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields });
  const logger = {
    lines,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => logger,
    enabled: () => true,
  };
  return logger;
}
