import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

// A packaged app has no console, yet its log is where an operator finds an advice to reconcile: every JSON line also
// goes to one file per day in <userData>/logs. Lines logged before the folder is known are kept and written first.

const EARLY_LINES_MAX = 1000;

export interface LogFile {
  write(line: string): void;
  /** Starts writing to `dir` (created, readable by this user only). */
  open(dir: string): void;
  close(): Promise<void>;
}

export function createLogFile(now: () => Date = () => new Date()): LogFile {
  let dir: string | undefined;
  let day = '';
  let stream: WriteStream | undefined;
  const early: string[] = [];
  const ending: Promise<void>[] = [];
  const end = (target: WriteStream) => ending.push(new Promise((resolve) => target.end(() => resolve())));

  const streamFor = (date: Date): WriteStream => {
    const today = date.toISOString().slice(0, 10);
    if (stream && today === day) return stream;
    if (stream) end(stream);
    day = today;
    stream = createWriteStream(join(dir!, `till-${today}.log`), { flags: 'a', mode: 0o600 });
    stream.on('error', () => undefined); // a full disk must not stop the till; stdout still has the line
    return stream;
  };

  const file: LogFile = {
    write(line) {
      if (dir === undefined) {
        if (early.length < EARLY_LINES_MAX) early.push(line);
        return;
      }
      streamFor(now()).write(line + '\n');
    },
    open(target) {
      mkdirSync(target, { recursive: true, mode: 0o700 });
      dir = target;
      for (const line of early.splice(0)) file.write(line);
    },
    async close() {
      if (stream) end(stream);
      stream = undefined;
      await Promise.all(ending.splice(0));
    },
  };
  return file;
}
