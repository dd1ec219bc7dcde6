// Helpers shared by the store's tests: a temp dir per test, a reader on the real SQLite file, and events.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CommandEvent } from '../../../shared/domain';
import type { Store } from './openStore';

export async function tempDir(prefix = 'twitch-cv-store-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Closes what a test opened and removes its directories, whatever state the test left them in. */
export class Cleanup {
  private readonly stores: Store[] = [];
  private readonly dirs: string[] = [];
  private readonly dbs: Database.Database[] = [];

  store(s: Store): Store {
    this.stores.push(s);
    return s;
  }
  dir(d: string): string {
    this.dirs.push(d);
    return d;
  }
  db(d: Database.Database): Database.Database {
    this.dbs.push(d);
    return d;
  }
  async run(): Promise<void> {
    for (const d of this.dbs.splice(0)) if (d.open) d.close();
    await Promise.all(this.stores.splice(0).map((s) => s.close()));
    await Promise.all(this.dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  }
}

export interface DbRow {
  id: number;
  ts: number;
  channel: string | null;
  user_id: string | null;
  user_name: string | null;
  variable: string | null;
  raw: string | null;
  value: number | null;
  outcome: string | null;
  reason: string | null;
  latency_us: number | null;
}

/** Reads the file the way an outsider would: a separate connection, nothing shared with the store. */
export function readRows(dbPath: string): DbRow[] {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM commands ORDER BY id').all() as DbRow[];
  } finally {
    db.close();
  }
}

export function countRows(dbPath: string): number {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM commands').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Event times start here: recent, so the retention sweep at worker start keeps them. A multiple of 10^6,
 *  so `ts % 1000` is the event's index in tests. */
export const BASE_TS = Math.floor(Date.now() / 1e6) * 1e6 - 1e6;

export function event(i: number, overrides: Partial<CommandEvent> = {}): CommandEvent {
  return {
    ts: BASE_TS + i,
    channel: 'somechannel',
    userId: String(10_000_000 + i),
    userName: `viewer_${i}`,
    variable: 'cutoff',
    raw: `!cutoff ${i % 100}`,
    value: i % 100,
    outcome: 'accepted',
    reason: null,
    latencyUs: 40 + (i % 7),
    ...overrides,
  };
}
