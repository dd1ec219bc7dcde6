import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandEvent } from '../../../shared/domain';
import { openStore, type StoreOptions } from './openStore';
import { BASE_TS, Cleanup, countRows, event, readRows, tempDir } from './testSupport';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

async function open(options: StoreOptions = {}) {
  const dir = cleanup.dir(await tempDir());
  const errors: string[] = [];
  const store = cleanup.store(await openStore(dir, { onError: (e) => errors.push(e.message), ...options }));
  return { dir, store, errors };
}

describe('SqliteAnalyticsSink', () => {
  it('writes every recorded row to the SQLite file with every column right', async () => {
    const { store } = await open();
    const events = [
      event(1),
      event(2, {
        variable: null,
        value: null,
        outcome: 'refused',
        reason: 'unknown_variable',
        raw: '!wobble 3 🎛️ «ünïcode»',
        latencyUs: 12.6,
      }),
      event(3, { outcome: 'refused', reason: 'cooldown', value: 42.5, userName: 'O\'Brien "quoted"' }),
    ];
    for (const e of events) store.analytics.record(e);
    await store.analytics.flush();

    const rows = readRows(store.path);
    expect(rows).toHaveLength(3);
    expect(rows.map(({ id: _id, ...r }) => r)).toEqual([
      {
        ts: BASE_TS + 1,
        channel: 'somechannel',
        user_id: '10000001',
        user_name: 'viewer_1',
        variable: 'cutoff',
        raw: '!cutoff 1',
        value: 1,
        outcome: 'accepted',
        reason: null,
        latency_us: 41,
      },
      {
        ts: BASE_TS + 2,
        channel: 'somechannel',
        user_id: '10000002',
        user_name: 'viewer_2',
        variable: null,
        raw: '!wobble 3 🎛️ «ünïcode»',
        value: null,
        outcome: 'refused',
        reason: 'unknown_variable',
        latency_us: 13,
      },
      {
        ts: BASE_TS + 3,
        channel: 'somechannel',
        user_id: '10000003',
        user_name: 'O\'Brien "quoted"',
        variable: 'cutoff',
        raw: '!cutoff 3',
        value: 42.5,
        outcome: 'refused',
        reason: 'cooldown',
        latency_us: 43,
      },
    ]);
    expect(store.analytics.stats()).toMatchObject({ pendingRows: 0, writtenRows: 3, errors: 0 });
  });

  it('records 100k rows without touching the disk on the calling thread', async () => {
    const { store } = await open();
    const events = Array.from({ length: 100_000 }, (_, i) => event(i));
    const t0 = performance.now();
    for (const e of events) store.analytics.record(e);
    const ms = performance.now() - t0;
    console.log(
      `record() x 100,000 on the main thread: ${ms.toFixed(1)} ms (${((ms * 1e6) / 1e5).toFixed(0)} ns/row)`,
    );

    // Nothing was written synchronously: the rows are all still in memory and the file has none.
    expect(store.analytics.stats()).toMatchObject({ pendingRows: 100_000, writtenRows: 0 });
    expect(countRows(store.path)).toBe(0);
    expect(ms).toBeLessThan(2_000); // generous: a shared 2-core machine; typical is well under 100 ms

    await store.analytics.flush();
    expect(countRows(store.path)).toBe(100_000);
    expect(store.analytics.stats()).toMatchObject({ pendingRows: 0, writtenRows: 100_000, errors: 0 });
  });

  it('sends a batch when it is full and the rest when the batch timer fires, without flush()', async () => {
    const { store } = await open({ maxBatchRows: 100, batchMs: 300 });
    for (let i = 0; i < 250; i++) store.analytics.record(event(i));
    // Two full batches go at once; the last 50 wait for the timer.
    await vi.waitFor(() => expect(countRows(store.path)).toBeGreaterThanOrEqual(200), { timeout: 5_000 });
    await vi.waitFor(() => expect(countRows(store.path)).toBe(250), { timeout: 5_000 });
    expect(store.analytics.stats()).toMatchObject({ pendingRows: 0, writtenRows: 250 });
  });

  it('loses no rows when the worker is killed, idle or with a batch not yet acknowledged', async () => {
    const { store, errors } = await open();
    for (let i = 0; i < 1_000; i++) store.analytics.record(event(i));
    await store.analytics.flush();

    // Killed while idle: the next batch starts a new worker.
    await store.client.currentWorker!.terminate();
    for (let i = 1_000; i < 2_000; i++) store.analytics.record(event(i));
    await store.analytics.flush();
    expect(countRows(store.path)).toBe(2_000);

    // Killed as a batch is handed over (never while inside SQLite: see storeClient.ts): it is retried.
    for (let i = 2_000; i < 3_000; i++) store.analytics.record(event(i));
    const flushed = store.analytics.flush();
    await store.client.currentWorker!.terminate();
    await flushed;

    const rows = readRows(store.path);
    expect(rows).toHaveLength(3_000);
    expect(new Set(rows.map((r) => r.ts)).size).toBe(3_000); // no duplicates, none missing
    expect(store.client.restarts).toBeGreaterThanOrEqual(2);
    expect(errors.some((m) => m.includes('stopped'))).toBe(true);
  });

  it('keeps rows through failed writes (database locked) and writes them once the lock is gone', async () => {
    const { store } = await open();
    const blocker = cleanup.db(new Database(store.path));
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN EXCLUSIVE');

    for (let i = 0; i < 500; i++) store.analytics.record(event(i));
    const flushed = store.analytics.flush();
    await vi.waitFor(() => expect(store.analytics.stats().errors).toBeGreaterThan(0), { timeout: 15_000 });
    expect(store.analytics.stats()).toMatchObject({ pendingRows: 500, writtenRows: 0, droppedRows: 0 });
    expect(store.analytics.stats().lastError).toMatch(/locked|busy/i);

    blocker.exec('COMMIT');
    await flushed;
    expect(countRows(store.path)).toBe(500);
  });

  it('bounds memory while the disk is unavailable by dropping the oldest rows, and says so', async () => {
    const { store } = await open({ maxBatchRows: 100, maxPendingRows: 300, batchMs: 10 });
    const blocker = cleanup.db(new Database(store.path));
    blocker.exec('BEGIN EXCLUSIVE');
    for (let i = 0; i < 1_000; i++) store.analytics.record(event(i));
    const stats = store.analytics.stats();
    expect(stats.pendingRows).toBeLessThanOrEqual(400);
    expect(stats.droppedRows).toBe(1_000 - stats.pendingRows);
    expect(stats.lastError).toMatch(/backlog over 300 rows/);

    blocker.exec('COMMIT');
    await store.analytics.flush();
    const rows = readRows(store.path);
    expect(rows).toHaveLength(stats.pendingRows);
    expect(rows.at(-1)!.ts).toBe(BASE_TS + 999); // the newest rows are the ones kept
  });

  it('writes everything still buffered on close (what SIGTERM relies on)', async () => {
    const { store } = await open({ batchMs: 5_000 });
    for (let i = 0; i < 1_234; i++) store.analytics.record(event(i));
    await store.close();
    expect(countRows(store.path)).toBe(1_234);
    // Recording after close is refused quietly (the hot path never throws) and counted.
    expect(() => store.analytics.record(event(9))).not.toThrow();
    expect(store.analytics.stats().droppedRows).toBe(1);
  });

  it('finishes close() on time when the disk is stuck, and reports the rows it could not write', async () => {
    const { store, errors } = await open({ closeTimeoutMs: 300 });
    const blocker = cleanup.db(new Database(store.path));
    blocker.exec('BEGIN EXCLUSIVE');
    for (let i = 0; i < 10; i++) store.analytics.record(event(i));
    await store.close();
    expect(errors.join('\n')).toMatch(/10 analytics rows not written to .*twitch-cv\.db after 300 ms/);
    await expect(store.analytics.flush()).rejects.toThrow(/closed with 10 analytics rows unwritten/);
    blocker.exec('ROLLBACK');
  });

  it('stores malformed events as best it can instead of failing their batch or retrying forever', async () => {
    const { store } = await open();
    const bad = {
      ...event(1),
      ts: Number.NaN,
      value: Number.POSITIVE_INFINITY,
      latencyUs: Number.NaN,
      userName: { not: 'a string' },
      raw: () => 'a function cannot be cloned to a worker',
      variable: 42,
      reason: 'constructor',
    } as unknown as CommandEvent;
    store.analytics.record(bad);
    store.analytics.record(event(2));
    await store.analytics.flush();
    const rows = readRows(store.path);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      value: null,
      latency_us: null,
      user_name: '[object Object]',
      variable: null,
      reason: 'unknown',
    });
    expect(rows[0]!.raw).toContain('a function cannot be cloned');
    expect(rows[0]!.ts).toBeGreaterThan(BASE_TS + 1_000); // replaced by the time the worker received it
    expect(rows[1]).toMatchObject({ user_name: 'viewer_2', raw: '!cutoff 2' });
    expect(store.analytics.stats()).toMatchObject({ errors: 0, droppedRows: 0, writtenRows: 2 });
  });

  it('answers recent() and counts() from the file, with filters', async () => {
    const { store } = await open();
    store.analytics.record(event(1, { userName: 'Alice', variable: 'cutoff' }));
    store.analytics.record(event(2, { userName: 'bob', outcome: 'refused', reason: 'cooldown' }));
    store.analytics.record(
      event(3, { userName: 'alice', variable: 'pitch', outcome: 'refused', reason: 'out_of_range' }),
    );
    store.analytics.record(event(4, { userName: 'carol', outcome: 'refused', reason: 'cooldown' }));
    await store.analytics.flush();

    expect((await store.recent(10)).map((e) => e.ts % 10)).toEqual([4, 3, 2, 1]);
    expect((await store.recent(2)).map((e) => e.userName)).toEqual(['carol', 'alice']);
    expect((await store.recent(10, { user: 'ALICE' })).map((e) => e.ts % 10)).toEqual([3, 1]);
    expect((await store.recent(10, { user: '10000002' }))[0]?.userName).toBe('bob');
    expect((await store.recent(10, { variable: 'Pitch' })).map((e) => e.ts % 10)).toEqual([3]);
    expect((await store.recent(10, { outcome: 'refused', user: 'alice' })).map((e) => e.reason)).toEqual([
      'out_of_range',
    ]);
    expect(await store.recent(1)).toEqual([
      event(4, { userName: 'carol', outcome: 'refused', reason: 'cooldown', latencyUs: 44 }),
    ]);

    expect(await store.counts(0)).toEqual([
      { outcome: 'refused', reason: 'cooldown', n: 2 },
      { outcome: 'accepted', reason: null, n: 1 },
      { outcome: 'refused', reason: 'out_of_range', n: 1 },
    ]);
    expect(await store.counts(BASE_TS + 3)).toHaveLength(2);

    await expect(store.recent(0)).rejects.toThrow(/limit must be a number >= 1/);
    await expect(store.recent(5, { outcome: 'maybe' as never })).rejects.toThrow(/"accepted" or "refused"/);
    await expect(store.counts(Number.NaN)).rejects.toThrow(/epoch milliseconds/);
  });
});
