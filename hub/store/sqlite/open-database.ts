import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export class DatabaseTooNewError extends Error {}

/** A connection with the durability settings payment state needs: WAL, every commit fsync'd (synchronous=FULL). */
export function openConnection(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Hot rows live in the store's own memory; a small page cache per connection keeps the hub's footprint small.
  db.pragma('cache_size = -4096');
  return db;
}

interface Migration {
  version: number;
  sql: string;
}

function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8') }));
}

/** Numbered migrations, one transaction each, tracked by PRAGMA user_version; a newer database is refused. */
export function migrate(db: Database.Database): void {
  const migrations = loadMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new DatabaseTooNewError(`database schema version ${current} is newer than this hub (${latest})`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
