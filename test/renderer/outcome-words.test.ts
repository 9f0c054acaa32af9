import { describe, expect, test } from 'vitest';
import type { AdviceDelivery, AdviceView, SaleView } from '../../electron/preload/bridge-types';
import { ErrorType } from '../../protocol/errors';
import { saleStateWords } from '../../renderer/history/sale-words';
import { outcomeTitle, outcomeWords, PARTNER_DECLINES } from '../../renderer/result/outcome-words';
import { saleFixture } from './fake-bridge';

// Every (phase, reason, advice state) a finished sale can be in, and what the cashier reads for it.

type Advice = AdviceDelivery | 'none';

function advice(kind: AdviceView['kind'], delivery: Advice): Partial<SaleView> {
  if (delivery === 'none') return {};
  return { advice: { kind, delivery, attempts: 1, queuedAt: '2025-03-14T10:00:02.000Z' } };
}

interface Row {
  name: string;
  sale: Partial<SaleView>;
  title: string;
  tryAgain: boolean;
  /** The "do not hand over the goods" warning. */
  warning: boolean;
  advice?: RegExp;
}

const reversalAdvice = {
  pending: /^Reversal pending: /,
  delivered: /^Reversal delivered to the payment service\.$/,
  rejected: /^The payment service refused the reversal\. Ask a supervisor/,
};

const ROWS: Row[] = [
  ...(['pending', 'delivered', 'rejected'] as const).map((delivery): Row => ({
    name: `approved, confirmation ${delivery}`,
    sale: { phase: 'approved', ...advice('confirmation', delivery) },
    title: 'Approved', tryAgain: false, warning: false,
    advice: { pending: /^Confirmation pending: /, delivered: /^Confirmation delivered/, rejected: /refused the confirmation/ }[delivery],
  })),
  ...[...PARTNER_DECLINES].map((errorType): Row => ({
    name: `declined by the partner: ${errorType}`,
    sale: { phase: 'declined', outcome: { errorType, httpStatus: 400 } },
    title: 'Declined — no payment was taken', tryAgain: true, warning: false,
  })),
  {
    name: 'not scanned in time',
    sale: { phase: 'declined', outcome: { errorType: 'NO_SCAN_RECEIVED', httpStatus: 400 } },
    title: 'Not paid — the code was not scanned in time', tryAgain: true, warning: false,
  },
  ...ErrorType.options.filter((type) => !PARTNER_DECLINES.has(type) && type !== 'NO_SCAN_RECEIVED').map((errorType): Row => ({
    name: `failed at the payment service: ${errorType}`,
    sale: { phase: 'declined', outcome: { errorType, httpStatus: 400 } },
    title: 'Not paid — the payment did not go through', tryAgain: true, warning: false,
  })),
  {
    name: 'failed without an errorType',
    sale: { phase: 'declined', outcome: { httpStatus: 404 } },
    title: 'Not paid — the payment did not go through', tryAgain: true, warning: false,
  },
  {
    name: 'hub unreachable before anything was sent',
    sale: { phase: 'not-completed', outcome: { reason: 'hub-unreachable' } },
    title: 'Not paid — the payment service could not be reached', tryAgain: true, warning: false,
  },
  {
    name: 'no QR code issued',
    sale: { phase: 'not-completed', outcome: { reason: 'qr-failed' } },
    title: 'Not paid — no QR code was issued', tryAgain: true, warning: false,
  },
  ...(['none', 'pending', 'delivered', 'rejected'] as const).map((delivery): Row => ({
    name: `outcome unknown, reversal ${delivery}`,
    sale: { phase: 'not-completed', outcome: { reason: 'outcome-unknown' }, ...advice('reversal', delivery) },
    title: {
      none: 'Not completed — the payment is being reversed',
      pending: 'Not completed — the payment is being reversed',
      delivered: 'Not completed — the payment was reversed',
      rejected: 'Not completed — check this sale',
    }[delivery],
    tryAgain: delivery !== 'rejected', warning: true,
    ...(delivery === 'none' ? {} : { advice: reversalAdvice[delivery] }),
  })),
  ...(['none', 'pending', 'delivered', 'rejected'] as const).map((delivery): Row => ({
    name: `cancelled before any scan, reversal ${delivery}`,
    sale: { phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false }, ...advice('reversal', delivery) },
    title: delivery === 'rejected' ? 'Cancelled — check this sale' : 'Cancelled — no payment was taken',
    tryAgain: delivery !== 'rejected', warning: false,
    ...(delivery === 'none' ? {} : {
      advice: {
        pending: /^Cancellation pending: /,
        delivered: /^Cancellation delivered to the payment service\.$/,
        rejected: /^The payment service refused the cancellation\./,
      }[delivery],
    }),
  })),
  ...(['pending', 'delivered', 'rejected'] as const).map((delivery): Row => ({
    name: `cancelled after the scan, reversal ${delivery}`,
    sale: {
      phase: 'cancelled', partnerId: 'demo-wallet', partnerName: 'Demo Wallet', outcome: { reason: 'cancelled', scanned: true },
      ...advice('reversal', delivery),
    },
    title: {
      pending: 'Cancelled — the payment is being reversed',
      delivered: 'Cancelled — the payment was reversed',
      rejected: 'Cancelled — check this sale',
    }[delivery],
    tryAgain: delivery !== 'rejected', warning: true, advice: reversalAdvice[delivery],
  })),
  {
    name: 'cancelled after the scan, recorded before `scanned` existed (a partner is named)',
    sale: { phase: 'cancelled', partnerId: 'demo-wallet', outcome: { reason: 'cancelled' }, ...advice('reversal', 'pending') },
    title: 'Cancelled — the payment is being reversed', tryAgain: true, warning: true, advice: reversalAdvice.pending,
  },
  {
    name: 'cancelled before the scan, recorded before `scanned` existed',
    sale: { phase: 'cancelled', outcome: { reason: 'cancelled' }, ...advice('reversal', 'delivered') },
    title: 'Cancelled — no payment was taken', tryAgain: true, warning: false, advice: /^Cancellation delivered/,
  },
  ...(['pending', 'delivered', 'rejected'] as const).map((delivery): Row => ({
    name: `voided, reversal ${delivery}`,
    sale: { phase: 'voided', partnerName: 'Demo Wallet', outcome: { reason: 'voided', httpStatus: 201 }, ...advice('reversal', delivery) },
    title: {
      pending: 'Voided — the payment is being returned to the customer',
      delivered: 'Voided — the payment was returned to the customer',
      rejected: 'Voided — check this sale',
    }[delivery],
    tryAgain: false, warning: true, advice: reversalAdvice[delivery],
  })),
];

describe('what the cashier reads for each outcome', () => {
  test.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const words = outcomeWords(saleFixture(row.sale))!;
    expect(outcomeTitle(words)).toBe(row.title);
    expect(words.canTryAgain).toBe(row.tryAgain);
    expect(words.warning !== undefined, 'warning').toBe(row.warning);
    if (row.advice) expect(words.advice).toMatch(row.advice);
    else expect(words.advice).toBeUndefined();
  });

  test.each(ROWS.map((row) => [row.name, row] as const))('%s: the words agree with each other', (_name, row) => {
    const sale = saleFixture(row.sale);
    const words = outcomeWords(sale)!;
    const all = [outcomeTitle(words), words.reason, words.warning, words.advice].filter(Boolean).join(' ');
    if (sale.advice?.delivery === 'delivered' && sale.advice.partnerOutcome !== 'pending') {
      expect(all).not.toMatch(/is being (reversed|returned)|is reversing/);
    }
    if (/check this sale/.test(outcomeTitle(words))) expect(words.canTryAgain, 'no second charge while one is unsettled').toBe(false);
    if (words.headline === 'Declined') expect(PARTNER_DECLINES.has(sale.outcome?.errorType ?? '')).toBe(true);
    if (words.headline === 'Not completed') expect(sale.outcome?.reason).toBe('outcome-unknown');
    if (/no payment was taken/i.test(all)) expect(all).not.toMatch(/being reversed|reversing|anything .* paid/i);
  });

  test('a sale still in progress has no outcome words', () => {
    for (const phase of ['creating-qr', 'awaiting-scan', 'awaiting-approval'] as const) {
      expect(outcomeWords(saleFixture({ phase }))).toBeUndefined();
    }
  });

  test('a reversal the wallet provider refused after the hub took it never reads as reversed or returned', () => {
    const refused = { kind: 'reversal', delivery: 'delivered', partnerOutcome: 'refused', attempts: 1, queuedAt: '2025-03-14T10:00:02.000Z' } as const;
    for (const sale of [
      { phase: 'not-completed', outcome: { reason: 'outcome-unknown' } },
      { phase: 'cancelled', partnerId: 'demo-wallet', outcome: { reason: 'cancelled', scanned: true } },
      { phase: 'voided', partnerName: 'Demo Wallet', outcome: { reason: 'voided' } },
    ] as const) {
      const words = outcomeWords(saleFixture({ ...sale, advice: refused }))!;
      expect(outcomeTitle(words), sale.phase).toMatch(/ — check this sale$/);
      const all = [outcomeTitle(words), words.reason, words.advice].join(' ');
      expect(all, sale.phase).not.toMatch(/was (reversed|returned)|reversed the payment/);
      expect(words.advice, sale.phase).toMatch(/wallet provider refused the reversal/);
    }
  });

  test('a reversal the hub took but the wallet provider has not answered yet is still being reversed', () => {
    const pending = { kind: 'reversal', delivery: 'delivered', partnerOutcome: 'pending', attempts: 1, queuedAt: '2025-03-14T10:00:02.000Z' } as const;
    for (const [sale, title] of [
      [{ phase: 'not-completed', outcome: { reason: 'outcome-unknown' } }, 'Not completed — the payment is being reversed'],
      [{ phase: 'cancelled', partnerId: 'demo-wallet', outcome: { reason: 'cancelled', scanned: true } }, 'Cancelled — the payment is being reversed'],
      [{ phase: 'voided', partnerName: 'Demo Wallet', outcome: { reason: 'voided' } }, 'Voided — the payment is being returned to the customer'],
    ] as const) {
      const words = outcomeWords(saleFixture({ ...sale, advice: pending }))!;
      expect(outcomeTitle(words)).toBe(title);
      expect(words.advice).toMatch(/delivered to the payment service; waiting for the customer's wallet provider/);
      expect(words.reason).not.toMatch(/reversed the payment|Nothing was taken/);
    }
    const beforeScan = outcomeWords(saleFixture({ phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false }, advice: pending }))!;
    expect(outcomeTitle(beforeScan)).toBe('Cancelled — no payment was taken');
    expect(beforeScan.advice).toBe('Cancellation delivered to the payment service.');
  });

  test('a wallet provider answering the hub\'s reversal shows the payment had been forwarded, whatever the till saw of the scan', () => {
    for (const partnerOutcome of ['refused', 'accepted'] as const) {
      const words = outcomeWords(saleFixture({
        phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false },
        advice: { kind: 'reversal', delivery: 'delivered', partnerOutcome, attempts: 1, queuedAt: '2025-03-14T10:00:02.000Z' },
      }))!;
      expect(outcomeTitle(words), partnerOutcome).toBe(partnerOutcome === 'refused' ? 'Cancelled — check this sale' : 'Cancelled — the payment was reversed');
      expect(words.warning, partnerOutcome).toBeDefined();
      expect(words.canTryAgain, partnerOutcome).toBe(partnerOutcome === 'accepted');
    }
  });

  test('History names each sale as its Result screen headed it', () => {
    expect(saleStateWords(saleFixture({ phase: 'declined', outcome: { errorType: 'NO_SCAN_RECEIVED' } }))).toBe('Not paid');
    expect(saleStateWords(saleFixture({ phase: 'declined', outcome: { errorType: 'INSUFFICIENT_FUNDS' } }))).toBe('Declined');
    expect(saleStateWords(saleFixture({ phase: 'not-completed', outcome: { reason: 'hub-unreachable' } }))).toBe('Not paid');
    expect(saleStateWords(saleFixture({ phase: 'not-completed', outcome: { reason: 'outcome-unknown' } }))).toBe('Not completed');
    expect(saleStateWords(saleFixture({ phase: 'cancelled', outcome: { reason: 'cancelled', scanned: false } }))).toBe('Cancelled');
    expect(saleStateWords(saleFixture({ phase: 'awaiting-approval' }))).toBe('In progress');
  });
});
