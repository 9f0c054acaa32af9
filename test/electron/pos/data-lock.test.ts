import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../common/logger.js';
import { LOCK_FILE, TillLockedError } from '../../../electron/pos/data-lock.js';
import { JOURNAL_FILE } from '../../../electron/pos/journal.js';
import { openTillEngine } from '../../../electron/pos/till-engine.js';
import type { Stack } from '../../support/stack.js';
import { useStack } from '../../support/use-stack.js';
import { chargeAndHold, hubTransaction, openTill, saleOf, scan, tillSettings, waitForSale, type Till } from './till-support.js';

// One engine per data folder: a second one would replay the first one's paying sale as interrupted and reverse it.

let stack: Stack;
const tills: Till[] = [];
const dirs: string[] = [];

useStack((started) => (stack = started), async () => {
  for (const till of tills.splice(0)) await till.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qrtill-lock-'));
  dirs.push(dir);
  return dir;
}

const NO_HUB = 'http://127.0.0.1:9';

function openSecond(dataDir: string, hubUrl = NO_HUB): Promise<unknown> {
  return openTillEngine({ dataDir, settings: tillSettings(hubUrl), logger: createLogger({ level: 'silent' }) })
    .then(async (engine) => {
      await engine.close();
      return 'opened';
    }, (error: unknown) => error);
}

function writeLock(dir: string, content: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), lockedAt: new Date().toISOString(), token: 'theirs', ...content }));
}

function lockOf(dir: string): { pid: number; processStartedAt: number; token: string } {
  return JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
}

describe('the data folder lock', () => {
  it('refuses a second engine on the folder of a till mid-sale, which carries on untouched', async () => {
    const first = await openTill(stack.hub.url);
    tills.push(first);
    const charged = await chargeAndHold(stack, first.engine);
    const journal = readFileSync(join(first.dataDir, JOURNAL_FILE), 'utf8');

    const refused = await openSecond(first.dataDir, stack.hub.url);
    expect(refused).toBeInstanceOf(TillLockedError);
    const message = (refused as Error).message;
    expect(message).toContain(realpathSync(first.dataDir));
    expect(message).toContain(`process ${process.pid}`);
    expect(readFileSync(join(first.dataDir, JOURNAL_FILE), 'utf8')).toBe(journal);
    expect((await hubTransaction(stack, charged.tranId!)).state).toBe('AWAITING_SCAN');

    await scan(stack, charged);
    await waitForSale(first.engine, charged.saleId, (s) => s.phase === 'approved', 'approval');
    expect(first.logged('sending advice')).toEqual([]);

    // Once the first engine has closed, the folder is free again.
    await first.reopen();
    expect((await saleOf(first.engine, charged.saleId)).phase).toBe('approved');
  });

  it('takes over the lock of a process that is no longer running, logs it, and removes its own at close', async () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeLock(dir, { pid: gone, processStartedAt: Date.now() - 60_000 });
    const till = await openTill(NO_HUB, {}, dir);
    expect(till.logged('took over the lock of a till that is no longer running')).toEqual([
      expect.objectContaining({ level: 'warn', pid: gone, lockFile: join(realpathSync(dir), LOCK_FILE) }),
    ]);
    expect(lockOf(dir).pid).toBe(process.pid);
    await till.engine.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses while the lock belongs to a live process, or to this process but not to one of its open engines', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.ppid, processStartedAt: Date.now() - 60_000 });
    const live = await openSecond(dir);
    expect(live).toBeInstanceOf(TillLockedError);
    expect((live as Error).message).toContain(`process ${process.ppid}`);

    // This process's own pid and start time, written by something other than an engine that is open here.
    rmSync(join(dir, LOCK_FILE));
    const till = await openTill(NO_HUB, {}, dir);
    const ours = lockOf(dir);
    await till.engine.close();
    writeLock(dir, { pid: process.pid, processStartedAt: ours.processStartedAt });
    const own = await openSecond(dir);
    expect(own).toBeInstanceOf(TillLockedError);
    expect((own as Error).message).toContain(`process ${process.pid}`);
    expect(lockOf(dir).token).toBe('theirs');

    // The same pid left by an earlier process (pids are reused, a container's till is often pid 1): stale.
    writeLock(dir, { pid: process.pid, processStartedAt: ours.processStartedAt - 3_600_000 });
    expect(await openSecond(dir)).toBe('opened');
  });

  it('takes over a lock written before this machine booted, even when its pid now belongs to a live process', async () => {
    const dir = tempDir();
    const bootedAt = Math.round(Date.now() - uptime() * 1000);
    // The pid of a live process, as after a power cut when pids are handed out again.
    writeLock(dir, { pid: process.ppid, processStartedAt: bootedAt - 3_600_000, bootedAt: bootedAt - 3_600_000 });
    expect(await openSecond(dir)).toBe('opened');
    // The same lock from this boot is a live till's.
    writeLock(dir, { pid: process.ppid, processStartedAt: bootedAt + 1000, bootedAt });
    expect(await openSecond(dir)).toBeInstanceOf(TillLockedError);
    // A renamed machine is the same machine: the host name alone does not keep a dead till's lock.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeLock(dir, { pid: gone, processStartedAt: Date.now() - 60_000, bootedAt, host: 'old-name' });
    expect(await openSecond(dir)).toBe('opened');
  });

  it('an unreadable lock file is being written unless it is old', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(await openSecond(dir)).toBeInstanceOf(TillLockedError);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), old, old);
    expect(await openSecond(dir)).toBe('opened');
  });
});
