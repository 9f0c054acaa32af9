import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogFile } from '../../../electron/main/log-file.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the main process log file', () => {
  it('keeps early lines, then writes one file per day in the logs folder, readable by this user only', async () => {
    dir = mkdtempSync(join(tmpdir(), 'qrtill-logs-'));
    let now = new Date('2026-11-27T23:59:59.000Z');
    const file = createLogFile(() => now);
    file.write('{"msg":"before the folder is known"}');
    file.open(join(dir, 'logs'));
    file.write('{"msg":"same day"}');
    now = new Date('2026-11-28T00:00:01.000Z');
    file.write('{"msg":"next day"}');
    await file.close();

    const logs = join(dir, 'logs');
    expect(readdirSync(logs).sort()).toEqual(['till-2026-11-27.log', 'till-2026-11-28.log']);
    expect(readFileSync(join(logs, 'till-2026-11-27.log'), 'utf8')).toBe('{"msg":"before the folder is known"}\n{"msg":"same day"}\n');
    expect(readFileSync(join(logs, 'till-2026-11-28.log'), 'utf8')).toBe('{"msg":"next day"}\n');
    if (process.platform !== 'win32') {
      expect(statSync(logs).mode & 0o777).toBe(0o700);
      expect(statSync(join(logs, 'till-2026-11-28.log')).mode & 0o777).toBe(0o600);
    }
  });
});
