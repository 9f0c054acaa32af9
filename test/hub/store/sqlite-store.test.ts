import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTranId, newUuid } from '../../../protocol/index.js';
import type { PaymentRecord, QrCodeRecord } from '../../../hub/store/records.js';
import { SqliteStore } from '../../../hub/store/sqlite/sqlite-store.js';
import { samplePaymentRequest } from '../../support/fixtures.js';

function qr(tranId: string): QrCodeRecord {
  return { tranId, createId: newUuid(), clientId: 'till-01', merchantId: '123456789012345', terminalId: 'TILL0001',
    qrProperties: {}, issuedAt: 1, expiresAt: Date.now() + 60_000 };
}

function payment(tranId: string): PaymentRecord {
  const request = samplePaymentRequest(tranId);
  return { id: request.id, tranId, clientId: 'till-01', state: 'AWAITING_SCAN', request, receivedAt: 1, deadlineAt: 2, updatedAt: 1 };
}

describe('SqliteStore (memory in front of a group-committing writer thread)', () => {
  let dir: string;
  let store: SqliteStore;
  let fatal: Error | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhub-store-'));
    fatal = undefined;
    store = await SqliteStore.open(join(dir, 'hub.sqlite'), { cacheSize: 1, onFatal: (error) => (fatal = error) });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every aggregate with uncommitted writes in memory even when the cache is over capacity', async () => {
    const tranIds = [newTranId(), newTranId(), newTranId()];
    const writes = tranIds.map((tranId) => store.transact({ tranId }, () => ({
      result: undefined, writes: [{ op: 'insertQrCode', qr: qr(tranId) }, { op: 'insertPayment', payment: payment(tranId) }],
    })));
    // Same tick, nothing committed yet: the first tranId must still show its payment, so a second one is refused.
    const second = store.transact({ tranId: tranIds[0] }, (view) => {
      expect(view.payment?.state).toBe('AWAITING_SCAN');
      return { result: 'seen', writes: [] };
    });
    await Promise.all(writes);
    expect(await second).toBe('seen');
    for (const tranId of tranIds) expect((await store.readView({ tranId })).payment?.state).toBe('AWAITING_SCAN');
    expect(fatal).toBeUndefined();
  });

  it('answers a change without writes only after the commits before it are on disk', async () => {
    const tranId = newTranId();
    const order: string[] = [];
    const written = store.transact({ tranId }, () => ({ result: undefined, writes: [{ op: 'insertQrCode', qr: qr(tranId) }] }))
      .then(() => order.push('write committed'));
    await new Promise((resolve) => setImmediate(resolve));
    const read = store.transact({ tranId }, (view) => ({ result: view.qr?.tranId, writes: [] })).then((value) => {
      order.push('read answered');
      return value;
    });
    expect(await read).toBe(tranId);
    await written;
    expect(order).toEqual(['write committed', 'read answered']);
  });

  it('reports a reused payment id in the view of a later change, from memory before the commit and from disk after', async () => {
    const tranId = newTranId();
    const first = payment(tranId);
    const insert = store.transact({ tranId }, () => ({ result: undefined, writes: [{ op: 'insertQrCode', qr: qr(tranId) }, { op: 'insertPayment', payment: first }] }));
    const pending = await store.transact({ tranId: newTranId(), idTaken: { kind: 'payment', id: first.id } }, (view) => ({ result: view.idTaken, writes: [] }));
    await insert;
    const committed = await store.readView({ idTaken: { kind: 'payment', id: first.id } });
    expect([pending, committed.idTaken]).toEqual([true, true]);
  });
});
