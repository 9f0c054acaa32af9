import { z } from 'zod';
import type { BridgeErrorCode, BridgeResult, TillVerbs, VerbName } from '../preload/bridge-types.js';
import { isCalendarDay } from './history.js';
import { SettingsInputSchema } from './settings.js';

// The one place where a verb's payload is checked, for both hosts of the engine (Electron IPC, browser-mode HTTP).
// Anything that does not parse is answered INVALID_INPUT and never reaches the engine.

export const VERB_NAMES = [
  'snapshot', 'charge', 'cancel', 'voidSale', 'dismiss', 'history', 'exportCsv', 'saveSettings',
] as const satisfies readonly VerbName[];

const MAX_MINOR = 99_999_999_999;

export const BasketLineSchema = z.strictObject({
  description: z.string().trim().min(1).max(60),
  quantity: z.number().int().min(1).max(9999),
  unitPriceMinor: z.number().int().min(0).max(MAX_MINOR),
});

export const ChargeInputSchema = z
  .strictObject({
    amountMinor: z.number().int().min(1).max(MAX_MINOR),
    basket: z.array(BasketLineSchema).max(200).optional(),
  })
  .refine(
    (input) => !input.basket?.length
      || input.basket.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0) === input.amountMinor,
    { message: 'must equal the basket total', path: ['amountMinor'] },
  );

const SaleId = z.uuid();
const Nothing = z.union([z.undefined(), z.null()]);
/** A local calendar day, YYYY-MM-DD; none means today. */
export const HistoryDaySchema = z.union([
  Nothing,
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD').refine(isCalendarDay, 'must be a real date'),
]);

const PAYLOADS: Record<VerbName, z.ZodType> = {
  snapshot: Nothing,
  charge: ChargeInputSchema,
  cancel: SaleId,
  voidSale: SaleId,
  dismiss: SaleId,
  history: HistoryDaySchema,
  exportCsv: HistoryDaySchema,
  saveSettings: SettingsInputSchema,
};

export const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value });

export function refuse(code: BridgeErrorCode, message: string, fields?: Record<string, string>): BridgeResult<never> {
  return fields ? { ok: false, code, message, fields } : { ok: false, code, message };
}

export function isVerbName(name: unknown): name is VerbName {
  return typeof name === 'string' && (VERB_NAMES as readonly string[]).includes(name);
}

/** Field path → message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Validates the payload of a verb and runs it; never throws. */
export async function runVerb(verbs: TillVerbs, name: unknown, payload: unknown): Promise<BridgeResult<unknown>> {
  if (!isVerbName(name)) return { ok: false, code: 'NOT_FOUND', message: 'Unknown action' };
  const parsed = PAYLOADS[name].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, code: 'INVALID_INPUT', message: 'Invalid input', fields: fieldErrors(parsed.error) };
  }
  try {
    const verb = verbs[name] as (argument?: unknown) => Promise<BridgeResult<unknown>>;
    return await verb.call(verbs, parsed.data);
  } catch {
    return { ok: false, code: 'INTERNAL', message: 'The till could not do that' };
  }
}
