import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadHubConfig } from '../../../hub/config.js';
import { seedLocalHubConfig, type SeedFs } from '../../../electron/main/local-hub-config.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SHIPPED = join(ROOT, 'config', 'hub.local.json');
const root = mkdtempSync(join(tmpdir(), 'till-hub-seed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fresh = () => join(mkdtempSync(join(root, 'user-data-')), 'hub');
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('seedLocalHubConfig', () => {
  it('copies the shipped config into the folder, with the database beside it', () => {
    const dir = fresh();
    const seeded = seedLocalHubConfig(SHIPPED, dir);
    expect(seeded).toEqual({ file: join(dir, 'hub.json'), created: true });
    expect(read(seeded.file)).toEqual({ ...read(SHIPPED), database: join(dir, 'hub.sqlite') });
    expect(loadHubConfig(seeded.file).database).toBe(join(dir, 'hub.sqlite'));
    expect(readdirSync(dir)).toEqual(['hub.json']);
    if (process.platform !== 'win32') {
      expect(statSync(seeded.file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('leaves an existing copy alone, so an operator\'s edits survive', () => {
    const dir = fresh();
    const { file } = seedLocalHubConfig(SHIPPED, dir);
    const edited = { ...read(file), listen: { host: '0.0.0.0', port: 9000 } };
    writeFileSync(file, JSON.stringify(edited));
    expect(seedLocalHubConfig(SHIPPED, dir)).toEqual({ file, created: false });
    expect(read(file)).toEqual(edited);
  });

  it('keeps relative TLS files pointing at the shipped config\'s folder', () => {
    const shippedDir = mkdtempSync(join(root, 'shipped-'));
    const shipped = join(shippedDir, 'hub.json');
    const tls = { cert: 'tls/cert.pem', key: '/etc/hub/key.pem' };
    writeFileSync(shipped, JSON.stringify({ ...read(SHIPPED), tls }));
    const { file } = seedLocalHubConfig(shipped, fresh());
    expect(read(file).tls).toEqual({ cert: join(shippedDir, 'tls', 'cert.pem'), key: '/etc/hub/key.pem' });
  });

  it('names an unreadable or non-JSON shipped config as a ConfigError and writes nothing', () => {
    const notJson = join(root, 'not-json.json');
    writeFileSync(notJson, '{ nope');
    for (const shipped of [join(root, 'missing.json'), notJson]) {
      const dir = fresh();
      expect(() => seedLocalHubConfig(shipped, dir)).toThrow(ConfigError);
      expect(() => seedLocalHubConfig(shipped, dir)).toThrow(shipped);
      expect(fs.existsSync(dir)).toBe(false);
    }
  });

  it('a failed write leaves neither the config nor its temporary file', () => {
    const dir = fresh();
    const failing: SeedFs = { ...fs, renameSync: () => { throw new Error('disk full'); } };
    expect(() => seedLocalHubConfig(SHIPPED, dir, failing)).toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });
});
