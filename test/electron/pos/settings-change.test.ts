import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../../electron/preload/bridge-types.js';
import type { TillEngine } from '../../../electron/pos/engine-host.js';
import { until } from '../../support/flows.js';
import { freePort } from '../../support/ports.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { PASSWORDS } from '../../support/stack-config.js';
import { approvedSale, hubTransaction, openTill, value, waitForSale, type Till } from './till-support.js';

// Changing where the till's messages go (docs/protocol.md §8): advices still owed stay with the hub they are owed to, and the
// till's credentials go only to the hub they were given for.

let stack: Stack;
let till: Till | undefined;
let other: { url: string; authorizations: string[]; close(): Promise<void> } | undefined;

useStack((started) => (stack = started), async () => {
  await till?.close();
  await other?.close();
  till = undefined;
  other = undefined;
});

async function inputOf(engine: TillEngine): Promise<SettingsInput> {
  const { passwordSet: _set, demoMode: _demo, ...input } = value(await engine.snapshot()).settings;
  return input;
}

/** Somebody else's server: answers 503 to everything and keeps the Authorization headers it was sent. */
async function otherServer(): Promise<NonNullable<typeof other>> {
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    req.resume();
    res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

describe('changing the hub', () => {
  it('is refused (BUSY) for hub URL, client and hub mode while an advice is waiting; other settings change freely', async () => {
    till = await openTill(stack.hub.url);
    const sale = await approvedSale(stack, till.engine);
    const current = await inputOf(till.engine);
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    const changes: Partial<SettingsInput>[] = [
      { hubUrl: elsewhere, password: 'another-secret' },
      { clientId: 'till-02', password: PASSWORDS.otherRetailer },
      { hubMode: 'local' },
    ];
    for (const change of changes) {
      const refused = await till.engine.saveSettings({ ...current, ...change });
      expect(refused).toMatchObject({ ok: false, code: 'BUSY' });
      expect(!refused.ok && refused.message).toMatch(/^1 advice is still waiting to be sent to the current hub\. Wait until the status bar/);
    }
    expect(value(await till.engine.snapshot()).settings).toMatchObject({ hubUrl: stack.hub.url, clientId: 'till-01', hubMode: 'remote' });
    expect(value(await till.engine.saveSettings({ ...current, merchantName: 'Corner Grocer 2', password: '' })))
      .toMatchObject({ merchantName: 'Corner Grocer 2', hubUrl: stack.hub.url });

    // The confirmation reaches the hub it is owed to; then the hub may change.
    expect(value(await till.engine.dismiss(sale.saleId))).toBeNull();
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.delivery === 'delivered', 'confirmation delivered');
    await until(async () => (await hubTransaction(stack, sale.tranId!)).state === 'CONFIRMED', 'the hub has the confirmation');
    // …and once the hub has said what the partner made of it (see partner-outcome.test.ts for the refusal meanwhile).
    await waitForSale(till.engine, sale.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'the partner outcome');
    expect(value(await till.engine.saveSettings({ ...current, hubUrl: elsewhere, password: 'another-secret' })).hubUrl).toBe(elsewhere);
  });

  it('needs the password for a new hub URL or client id: the stored one is never sent to another server', async () => {
    till = await openTill(stack.hub.url);
    other = await otherServer();
    const current = await inputOf(till.engine);
    for (const change of [{ hubUrl: other.url }, { clientId: 'till-02' }, { hubUrl: other.url, clientId: 'till-02' }]) {
      for (const password of [undefined, '']) {
        const refused = await till.engine.saveSettings({ ...current, ...change, password });
        expect(refused).toMatchObject({
          ok: false, code: 'INVALID_INPUT', fields: { password: 'Enter the password for the new hub or client' },
        });
      }
    }
    expect(value(await till.engine.snapshot()).settings).toMatchObject({ hubUrl: stack.hub.url, clientId: 'till-01' });
    // The same hub written with a trailing slash is not a new hub; the stored password still works there.
    value(await till.engine.saveSettings({ ...current, hubUrl: `${stack.hub.url}/`, password: '' }));
    const paid = await approvedSale(stack, till.engine);
    expect(value(await till.engine.dismiss(paid.saleId))).toBeNull();
    // Delivered, and the partner's outcome learnt: only then may the till move to another hub.
    await waitForSale(till.engine, paid.saleId, (s) => s.advice?.partnerOutcome === 'accepted', 'confirmation settled');

    const secret = 'password-for-the-other-server';
    expect(value(await till.engine.saveSettings({ ...current, hubUrl: other.url, password: secret })).hubUrl).toBe(other.url);
    const sale = value(await till.engine.charge({ amountMinor: 100 }));
    expect(sale.phase).toBe('not-completed');
    expect(other.authorizations.length).toBeGreaterThan(0);
    const sent = other.authorizations.map((header) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8'));
    expect(new Set(sent)).toEqual(new Set([`till-01:${secret}`]));
  });
});
