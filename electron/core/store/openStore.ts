// One call to get persistence: checks the data directory, creates or migrates the database on the calling
// thread (so a bad path or a damaged file fails start-up with a clear message), then starts the one store
// worker that both the analytics sink and the state store talk to.
import path from 'node:path';
import type { CommandEvent } from '../../../shared/domain';
import { prepareDataDir, type StoreError } from './dataDir';
import type { OutcomeCount, RecentFilter } from './protocol';
import { throttledWarn } from './retry';
import { DB_FILE_NAME, openDatabase } from './schema';
import { SqliteAnalyticsSink, type AnalyticsSinkOptions } from './sqliteAnalyticsSink';
import { SqliteStateStore } from './sqliteStateStore';
import { StoreWorkerClient } from './storeClient';
import type { WorkerEntry } from './workerEntry';

export interface StoreOptions extends Omit<AnalyticsSinkOptions, 'onError'> {
  /** Rows older than this are deleted at start and every hour (config.analytics.retentionDays). */
  retentionDays?: number | undefined;
  retentionIntervalMs?: number | undefined;
  /** Longest a state change waits before it is written. */
  stateSaveDelayMs?: number | undefined;
  /** Override where the worker file is (a bundler that emits it under another name). */
  workerEntry?: WorkerEntry | undefined;
  /** Storage problems after start-up (retried writes, worker restarts). Default: console.warn, throttled. */
  onError?: ((err: StoreError) => void) | undefined;
}

export interface Store {
  /** Absolute path of the SQLite file. */
  readonly path: string;
  readonly analytics: SqliteAnalyticsSink;
  readonly state: SqliteStateStore;
  /** Newest committed command rows first. */
  recent(limit: number, filter?: RecentFilter): Promise<CommandEvent[]>;
  counts(sinceMs: number): Promise<OutcomeCount[]>;
  /** Delete expired rows now, optionally changing the retention first (the Settings panel). Resolves to the
   *  number of rows deleted. */
  applyRetention(retentionDays?: number): Promise<number>;
  /** The worker thread itself (diagnostics; tests kill it to prove nothing is lost). */
  readonly client: StoreWorkerClient;
  /** Flushes analytics and state, closes the database, ends the worker. Never rejects. */
  close(): Promise<void>;
}

/** @throws StoreError naming the path when the directory or the database cannot be used. */
export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const dir = prepareDataDir(dataDir);
  const dbPath = path.join(dir, DB_FILE_NAME);
  openDatabase(dbPath).close();

  const onError = options.onError ?? throttledWarn();
  const retentionDays = validRetention(options.retentionDays ?? 30);
  const client = new StoreWorkerClient({
    dbPath,
    retentionDays,
    retentionIntervalMs: options.retentionIntervalMs ?? 3_600_000,
    entry: options.workerEntry,
    closeTimeoutMs: options.closeTimeoutMs,
    onError,
  });
  await client.start();

  const analytics = new SqliteAnalyticsSink(client, { ...options, onError });
  const state = new SqliteStateStore(client, dbPath, {
    saveDelayMs: options.stateSaveDelayMs,
    closeTimeoutMs: options.closeTimeoutMs,
    onError,
  });
  let closing: Promise<void> | null = null;

  return {
    path: dbPath,
    analytics,
    state,
    client,
    recent: (limit, filter) => analytics.recent(limit, filter),
    counts: (sinceMs) => analytics.counts(sinceMs),
    applyRetention: async (days) => {
      if (days === undefined) return client.request({ kind: 'retention', days: null });
      client.setRetentionDays(validRetention(days));
      return client.request({ kind: 'retention', days });
    },
    close() {
      closing ??= Promise.all([analytics.close(), state.close()]).then(() => client.close());
      return closing;
    },
  };
}

function validRetention(days: number): number {
  if (!Number.isFinite(days) || days <= 0) {
    throw new RangeError(`retentionDays must be a positive number of days, got ${days}`);
  }
  return days;
}
