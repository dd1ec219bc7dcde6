// Engine state (values, locks, panic, blocked users) that survives a restart. save() only remembers the
// newest state and arms a short timer; the timer hands one JSON snapshot to the store worker. Saves in between
// coalesce, so a burst of changes costs one write, and a crash loses at most the last `saveDelayMs`.
import type { PersistedState, StateStore } from '../ports';
import { StoreError } from './dataDir';
import { messageOf, openDatabase } from './schema';
import { asStoreError, Backoff, withTimeout } from './retry';
import type { StoreWorkerClient } from './storeClient';

export const STATE_KEY = 'engine';

export interface StateStoreOptions {
  /** Longest a change waits before it is written (bounds what a crash can lose). */
  saveDelayMs?: number | undefined;
  closeTimeoutMs?: number | undefined;
  onError?: ((err: StoreError) => void) | undefined;
}

export class SqliteStateStore implements StateStore {
  private readonly saveDelayMs: number;
  private readonly closeTimeoutMs: number;
  private readonly onError: (err: StoreError) => void;
  private latest: PersistedState | null = null;
  private version = 0;
  private savedVersion = 0;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff = new Backoff();
  private waiters: { version: number; resolve: () => void; reject: (err: StoreError) => void }[] = [];
  private closing: Promise<void> | null = null;
  errors = 0;

  constructor(
    private readonly client: StoreWorkerClient,
    private readonly dbPath: string,
    options: StateStoreOptions = {},
  ) {
    this.saveDelayMs = Math.max(0, options.saveDelayMs ?? 100);
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.onError = options.onError ?? (() => {});
    client.retain();
  }

  /** Synchronous, on the calling thread: start-up happens before chat connects, so blocking here is fine.
   *  A damaged saved state is reported and ignored (the engine starts from the config's defaults). */
  load(): PersistedState | null {
    const db = openDatabase(this.dbPath);
    let row: { json: string } | undefined;
    try {
      row = db.prepare('SELECT json FROM state WHERE key = ?').get(STATE_KEY) as { json: string } | undefined;
    } finally {
      db.close();
    }
    if (!row) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.json);
    } catch (err) {
      this.onError(
        new StoreError(
          `saved state in ${this.dbPath} is not valid JSON (${messageOf(err)}); ignoring it`,
          this.dbPath,
        ),
      );
      return null;
    }
    const state = sanitizeState(parsed);
    if (!state)
      this.onError(
        new StoreError(`saved state in ${this.dbPath} has the wrong shape; ignoring it`, this.dbPath),
      );
    return state;
  }

  /** Never blocks: remembers the newest state; it is written within saveDelayMs. */
  save(state: PersistedState): void {
    if (this.closing) return;
    this.latest = state;
    this.version += 1;
    if (!this.timer && !this.inFlight) this.arm(this.saveDelayMs);
  }

  /** Writes the newest saved state now; resolves once it is committed. */
  flush(timeoutMs?: number): Promise<void> {
    const version = this.version;
    if (this.savedVersion >= version) return Promise.resolve();
    if (this.client.isClosed) return Promise.reject(this.closedError());
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ version, resolve, reject }));
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.write();
    return withTimeout(
      done,
      timeoutMs,
      () => new StoreError(`engine state not written to ${this.dbPath} after ${timeoutMs} ms`, this.dbPath),
    );
  }

  /** Flushes (at most closeTimeoutMs), then lets go of the worker. Never rejects. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.flush(this.closeTimeoutMs);
      } catch (err) {
        this.onError(asStoreError(err, this.dbPath));
      }
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await this.client.release();
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w.reject(this.closedError());
    })();
    return this.closing;
  }

  private closedError(): StoreError {
    return new StoreError(
      `the store ${this.dbPath} is closed before the last state change was written`,
      this.dbPath,
    );
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, delayMs);
    this.timer.unref();
  }

  private write(): void {
    if (this.inFlight || this.latest === null || this.savedVersion >= this.version) return;
    const version = this.version;
    let json: string;
    try {
      json = JSON.stringify(this.latest);
    } catch (err) {
      // Not retryable (e.g. a cycle): report it and treat this version as done so flush() cannot hang.
      this.errors += 1;
      this.onError(new StoreError(`engine state cannot be serialised: ${messageOf(err)}`, this.dbPath));
      this.done(version);
      return;
    }
    this.inFlight = true;
    this.client.request({ kind: 'state', key: STATE_KEY, json, updatedAt: Date.now() }).then(
      () => {
        this.inFlight = false;
        this.backoff.reset();
        this.done(version);
        // Changes that arrived during the write: write them now if someone waits, else after the usual delay.
        if (this.version > this.savedVersion) this.arm(this.waiters.length > 0 ? 0 : this.saveDelayMs);
      },
      (err: unknown) => {
        this.inFlight = false;
        this.errors += 1;
        this.onError(asStoreError(err, this.dbPath));
        if (this.client.isClosed) return;
        this.arm(this.backoff.next());
      },
    );
  }

  private done(version: number): void {
    this.savedVersion = Math.max(this.savedVersion, version);
    const still = this.waiters.filter((w) => w.version > this.savedVersion);
    for (const w of this.waiters) if (w.version <= this.savedVersion) w.resolve();
    this.waiters = still;
  }
}

/** Keeps what is well-formed, drops what is not: a hand-edited or older file must not crash start-up. */
export function sanitizeState(input: unknown): PersistedState | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const o = input as Record<string, unknown>;
  const values: Record<string, number> = {};
  if (typeof o.values === 'object' && o.values !== null && !Array.isArray(o.values)) {
    for (const [k, v] of Object.entries(o.values))
      if (typeof v === 'number' && Number.isFinite(v)) values[k] = v;
  }
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  const blockedNames: Record<string, string> = {};
  if (typeof o.blockedNames === 'object' && o.blockedNames !== null && !Array.isArray(o.blockedNames)) {
    for (const [id, name] of Object.entries(o.blockedNames))
      if (typeof name === 'string')
        Object.defineProperty(blockedNames, id, { value: name, enumerable: true });
  }
  return {
    values,
    locked: strings(o.locked),
    panic: o.panic === true,
    blockedUsers: strings(o.blockedUsers),
    blockedNames,
  };
}
