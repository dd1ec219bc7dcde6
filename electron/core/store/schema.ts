// The SQLite schema and its migrations, shared by the start-up check (calling thread) and the store worker.
// Versioned with PRAGMA user_version: each migration moves the file one version up inside a transaction.
import Database from 'better-sqlite3';
import { StoreError } from './dataDir';

export const DB_FILE_NAME = 'twitch-cv.db';

/** Index i takes a database from user_version i to i + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS commands (
     id INTEGER PRIMARY KEY,
     ts INTEGER NOT NULL,
     channel TEXT,
     user_id TEXT,
     user_name TEXT,
     variable TEXT,
     raw TEXT,
     value REAL,
     outcome TEXT,
     reason TEXT,
     latency_us INTEGER
   );
   CREATE INDEX IF NOT EXISTS commands_ts ON commands(ts);
   CREATE INDEX IF NOT EXISTS commands_variable_ts ON commands(variable, ts);
   CREATE TABLE IF NOT EXISTS state (
     key TEXT PRIMARY KEY,
     json TEXT,
     updated_at INTEGER
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating if missing) and migrates the database. Errors name the file and say what to do. */
export function openDatabase(dbPath: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(dbPath);
  } catch (err) {
    throw new StoreError(`cannot open the database ${dbPath}: ${messageOf(err)}`, dbPath, err);
  }
  try {
    // WAL: the worker writes while start-up and queries read. NORMAL: an app crash loses nothing committed;
    // only a power cut can lose the last transactions, which is fine for analytics and a 100 ms state save.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    migrate(db, dbPath);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot use the database ${dbPath}: ${messageOf(err)}`, dbPath, err);
  }
}

function migrate(db: Database.Database, dbPath: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      `the database ${dbPath} was written by a newer version of twitch-cv (schema ${version}, this build ` +
        `knows ${SCHEMA_VERSION}); update twitch-cv or use another --data-dir`,
      dbPath,
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
