import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../common/logger.js';

// One engine per data folder. Two engines on one journal each replay the other's paying sale as interrupted and
// reverse it, so the folder is locked by a file created exclusively at open and removed at close. A lock left by a
// process that no longer runs (a crash, a kill) is taken over. Engines of this process are also kept in a registry:
// a second engine here finds its own pid in the file, which must not count as "ours".

export const LOCK_FILE = 'till.lock';

/** A process's start time, so a lock left by an earlier process that had this same pid is not mistaken for ours. */
const PROCESS_STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);
const SAME_PROCESS_SLACK_MS = 2000;
/** When this machine booted: a lock written before it was left by a till that cannot still be running, whatever
 *  process now has its pid (after a power cut pids are handed out again, often in the same order). */
const BOOTED_AT = Math.round(Date.now() - uptime() * 1000);
const BOOT_SLACK_MS = 60_000;
/** A lock file without readable content is being written right now, unless it is older than this. */
const UNREADABLE_GRACE_MS = 5000;

interface LockContent {
  pid: number;
  host: string;
  processStartedAt: number;
  /** Absent in locks written before boot times were recorded. */
  bootedAt?: number;
  lockedAt: string;
  token: string;
}

export class TillLockedError extends Error {
  constructor(readonly dataDir: string, readonly lockFile: string, readonly pid: number | undefined, since?: string) {
    super(`The till data folder ${dataDir} is in use by another QR Till (${pid === undefined ? 'process unknown' : `process ${pid}`}`
      + `${since ? `, since ${since}` : ''}). Close that till first. If no till is running, delete ${lockFile} and start again.`);
    this.name = 'TillLockedError';
  }
}

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(text: string): LockContent | undefined {
  try {
    const content = JSON.parse(text) as Partial<LockContent>;
    return Number.isInteger(content.pid) && typeof content.token === 'string' ? content as LockContent : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's owner is gone: written before this boot, or by a process that is no longer running. The data
 *  folder is the till's own (a folder shared between machines is not supported), so another host name only means the
 *  machine was renamed. */
function isStale(content: LockContent): boolean {
  if (content.bootedAt !== undefined && Math.abs(content.bootedAt - BOOTED_AT) > BOOT_SLACK_MS) return true;
  if (content.pid === process.pid) {
    return Math.abs(content.processStartedAt - PROCESS_STARTED_AT) > SAME_PROCESS_SLACK_MS;
  }
  return !isAlive(content.pid);
}

export class DataLock {
  private released = false;

  private constructor(readonly dir: string, readonly file: string, private readonly token: string) {}

  /** Throws TillLockedError while another engine (in this process or another live one) holds the folder. */
  static async acquire(dataDir: string, logger: Logger): Promise<DataLock> {
    await mkdir(dataDir, { recursive: true });
    const dir = await realpath(dataDir);
    const file = join(dir, LOCK_FILE);
    if (held.has(dir)) throw new TillLockedError(dir, file, process.pid);
    held.add(dir);
    try {
      return await DataLock.take(dir, file, logger);
    } catch (error) {
      held.delete(dir);
      throw error;
    }
  }

  private static async take(dir: string, file: string, logger: Logger): Promise<DataLock> {
    const token = randomUUID();
    const content: LockContent = {
      pid: process.pid, host: hostname(), processStartedAt: PROCESS_STARTED_AT, bootedAt: BOOTED_AT,
      lockedAt: new Date().toISOString(), token,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(file, 'wx', 0o600);
        try {
          await handle.writeFile(JSON.stringify(content), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        return new DataLock(dir, file, token);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined && !(await stat(file).catch(() => undefined))) continue; // released meanwhile: try again
      const other = text === undefined ? undefined : parse(text);
      if (!other) {
        const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? Date.now());
        if (age < UNREADABLE_GRACE_MS) throw new TillLockedError(dir, file, undefined);
      } else if (!isStale(other)) {
        throw new TillLockedError(dir, file, other.pid, other.lockedAt);
      }
      await DataLock.clearStale(dir, file, text, logger, other);
    }
    throw new TillLockedError(dir, file, undefined);
  }

  /** Moves the stale lock aside first: of two openers racing for it, only the one that moved exactly it goes on. */
  private static async clearStale(dir: string, file: string, seen: string | undefined, logger: Logger, other?: LockContent)
    : Promise<void> {
    const aside = `${file}.stale-${randomUUID()}`;
    try {
      await rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => undefined);
    if (moved !== seen) {
      // Another opener replaced it meanwhile: put its lock back (unless a third has taken the name) and give up.
      await link(aside, file).catch(() => undefined);
      await rm(aside, { force: true });
      const owner = moved === undefined ? undefined : parse(moved);
      throw new TillLockedError(dir, file, owner?.pid, owner?.lockedAt);
    }
    await rm(aside, { force: true });
    logger.warn('took over the lock of a till that is no longer running', {
      lockFile: file, pid: other?.pid, lockedAt: other?.lockedAt,
    });
  }

  /** Removes the lock file if it is still ours. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      const content = parse(await readFile(this.file, 'utf8'));
      if (content?.token === this.token) await rm(this.file, { force: true });
    } catch {
      // Already gone: nothing to release.
    } finally {
      held.delete(this.dir);
    }
  }
}
