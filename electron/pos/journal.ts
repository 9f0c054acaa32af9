import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// One durable JSON document, replaced atomically: the new text goes to a temp file that is fsync'd, renamed over the
// journal, and the folder is fsync'd so the rename itself survives a power cut. A crash at any point leaves either the
// previous journal or the new one, never a mix. A journal that cannot be read is moved aside and the open fails, and
// keeps failing while the moved file is in the folder: a till that silently started empty would forget the advices
// it still owes the hub, so only an operator who has handed that file on for reconciliation may start it afresh.

export const JOURNAL_FILE = 'till-journal.json';

const CORRUPT_SUFFIX = '.corrupt-';

function whatToDo(files: string[], dir: string): string {
  return `It may record payments the hub has not yet been told about. Give ${files.join(' and ')} to support so those `
    + `payments can be reconciled, then move ${files.length > 1 ? 'them' : 'it'} out of ${dir} to start the till with an `
    + 'empty journal.';
}

export class JournalCorruptError extends Error {
  constructor(readonly file: string, readonly movedTo: string, cause: unknown) {
    super(`The till journal ${file} cannot be read (${(cause as Error)?.message ?? String(cause)}); it was moved to `
      + `${movedTo}. ${whatToDo([movedTo], dirname(file))}`);
    this.name = 'JournalCorruptError';
  }
}

/** A journal set aside as unreadable is still in the data folder: nobody has taken charge of what it owes yet. */
export class JournalSetAsideError extends Error {
  constructor(readonly dir: string, readonly files: string[]) {
    super(`The till will not start: an unreadable journal was set aside as ${files.join(' and ')}. ${whatToDo(files, dir)}`);
    this.name = 'JournalSetAsideError';
  }
}

/** Fault injection for tests: runs after the temp file is written and fsync'd, before the rename. */
export interface JournalHooks {
  beforeRename?: (tempFile: string) => void | Promise<void>;
}

export interface OpenedJournal<T> {
  journal: Journal;
  /** undefined when there was no journal yet (a fresh till). */
  document: T | undefined;
}

function timestampForFileName(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

export class Journal {
  private counter = 0;

  private constructor(readonly dir: string, readonly file: string, private readonly hooks: JournalHooks) {}

  /** Reads the journal with `parse` (which throws on a document it does not accept). */
  static async open<T>(dir: string, parse: (raw: unknown) => T, hooks: JournalHooks = {}): Promise<OpenedJournal<T>> {
    await mkdir(dir, { recursive: true });
    const file = join(dir, JOURNAL_FILE);
    const names = await readdir(dir);
    const setAside = names.filter((name) => name.startsWith(JOURNAL_FILE + CORRUPT_SUFFIX)).sort();
    if (setAside.length > 0) throw new JournalSetAsideError(dir, setAside.map((name) => join(dir, name)));
    // Leftovers of a write interrupted before its rename: the journal beside them is the last complete state.
    for (const name of names) {
      if (name.startsWith(`${JOURNAL_FILE}.tmp-`)) await rm(join(dir, name), { force: true });
    }
    const journal = new Journal(dir, file, hooks);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { journal, document: undefined };
      throw error;
    }
    try {
      return { journal, document: parse(JSON.parse(text)) };
    } catch (cause) {
      const movedTo = `${file}${CORRUPT_SUFFIX}${timestampForFileName(Date.now())}`;
      await rename(file, movedTo);
      throw new JournalCorruptError(file, movedTo, cause);
    }
  }

  async write(document: unknown): Promise<void> {
    const temp = `${this.file}.tmp-${process.pid}-${++this.counter}`;
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(document), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.hooks.beforeRename?.(temp);
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    // The rename has happened: the new journal is what the disk shows, so the write counts as done (calling it failed
    // would leave the till acting on the old state while the disk holds the new). Only its durability is in doubt.
    try {
      await syncDirectory(this.dir).catch(() => syncDirectory(this.dir));
    } catch (error) {
      process.emitWarning(`the till journal's folder could not be synced after a write: ${(error as Error).message}`,
        { code: 'QRTILL_JOURNAL_DIR_SYNC' });
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a folder; NTFS makes the rename durable on its own.
    if (process.platform !== 'win32') throw error;
  } finally {
    await handle?.close();
  }
}
