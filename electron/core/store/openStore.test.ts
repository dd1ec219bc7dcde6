import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoreError } from './dataDir';
import { openStore } from './openStore';
import { Cleanup, countRows, event, tempDir } from './testSupport';
import { skipBecause } from '../../../test/helpers/skip';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const DAY = 86_400_000;

describe('openStore', () => {
  it('creates the database with the versioned schema, WAL and both indexes', async () => {
    const dir = cleanup.dir(await tempDir());
    const store = cleanup.store(await openStore(path.join(dir, 'nested', 'data')));
    expect(store.path).toBe(path.join(dir, 'nested', 'data', 'twitch-cv.db'));
    const db = cleanup.db(new Database(store.path));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
    )
      .map((r) => r.name)
      .sort();
    expect(indexes).toEqual(expect.arrayContaining(['commands_ts', 'commands_variable_ts']));
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM commands WHERE variable = ? AND ts > ?')
      .all('a', 0);
    expect(JSON.stringify(plan)).toContain('commands_variable_ts');
  });

  it('deletes rows older than the retention and keeps the rest, now and at start-up', async () => {
    const dir = cleanup.dir(await tempDir());
    const now = Date.now();
    const first = await openStore(dir, { retentionDays: 30 });
    for (let i = 0; i < 3; i++) first.analytics.record(event(i, { ts: now - 40 * DAY - i }));
    for (let i = 0; i < 5; i++) first.analytics.record(event(i, { ts: now - 10 * DAY - i }));
    for (let i = 0; i < 7; i++) first.analytics.record(event(i, { ts: now - i }));
    await first.analytics.flush();
    expect(countRows(first.path)).toBe(15);

    expect(await first.applyRetention()).toBe(3);
    expect(countRows(first.path)).toBe(12);
    // The Settings panel shortens retention: the sweep follows at once.
    expect(await first.applyRetention(7)).toBe(5);
    const left = (await first.recent(100)).map((e) => e.ts);
    expect(left).toHaveLength(7);
    expect(Math.min(...left)).toBeGreaterThan(now - DAY);

    // Old rows written while the app was off are swept when it starts.
    first.analytics.record(event(99, { ts: now - 400 * DAY }));
    await first.close();
    expect(countRows(first.path)).toBe(8);
    const second = cleanup.store(await openStore(dir, { retentionDays: 30 }));
    await vi.waitFor(() => expect(countRows(second.path)).toBe(7), { timeout: 5_000 });
    await expect(second.applyRetention(0)).rejects.toThrow(/retentionDays must be a positive number/);
  });

  it('deletes a large backlog in chunks while writes keep flowing', async () => {
    const dir = cleanup.dir(await tempDir());
    const store = cleanup.store(await openStore(dir, { retentionDays: 30 }));
    const old = Date.now() - 60 * DAY;
    for (let i = 0; i < 40_000; i++) store.analytics.record(event(i, { ts: old + i }));
    await store.analytics.flush();
    const order: string[] = [];
    const sweep = store.applyRetention().then((n) => {
      order.push('sweep');
      return n;
    });
    store.analytics.record(event(1, { ts: Date.now() }));
    const write = store.analytics.flush().then(() => order.push('write'));
    await Promise.all([sweep, write]);
    expect(await sweep).toBe(40_000);
    // The worker yields between chunks, so the write did not wait for the whole sweep.
    expect(order).toEqual(['write', 'sweep']);
    expect(countRows(store.path)).toBe(1);
  });
});

describe('openStore with a bad data directory', () => {
  async function expectStoreError(run: () => Promise<unknown>, pathPart: string, message: RegExp) {
    const err = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(message);
    expect((err as StoreError).message).toContain(pathPart);
    expect((err as StoreError).path).toContain(pathPart);
  }

  it('names the path when the data directory is a file', async () => {
    const dir = cleanup.dir(await tempDir());
    const file = path.join(dir, 'not-a-dir');
    await writeFile(file, 'hello');
    await expectStoreError(() => openStore(file), file, /is a file, not a directory/);
  });

  it('names the path when part of it is a file', async () => {
    const dir = cleanup.dir(await tempDir());
    await writeFile(path.join(dir, 'file'), 'x');
    const target = path.join(dir, 'file', 'data');
    await expectStoreError(
      () => openStore(target),
      target,
      /cannot create the data directory .*part of the path is a file/,
    );
  });

  it.skipIf(
    skipBecause(
      process.getuid?.() === 0,
      'running as root: permission bits cannot make a directory unwritable (the /sys test covers this)',
    ),
  )('names the path when the directory is not writable', async () => {
    const dir = cleanup.dir(await tempDir());
    const locked = path.join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o500);
    await expectStoreError(() => openStore(locked), locked, /is not writable/);
    await chmod(locked, 0o700);
  });

  // Works as root too (root ignores permission bits): sysfs refuses new directories to everyone.
  it.skipIf(
    skipBecause(
      process.platform !== 'linux' || !existsSync('/sys/kernel'),
      'no read-only /sys on this platform',
    ),
  )('names the path when the directory cannot be created (read-only /sys)', async () => {
    const target = `/sys/twitch-cv-test-${process.pid}/data`;
    await expectStoreError(
      () => openStore(target),
      target,
      /cannot create the data directory .*(permission|read-only)/,
    );
  });

  it('names the database when it is not a database', async () => {
    const dir = cleanup.dir(await tempDir());
    const db = path.join(dir, 'twitch-cv.db');
    await writeFile(db, 'this is a text file, not SQLite, and long enough to have a header'.repeat(20));
    await expectStoreError(() => openStore(dir), db, /cannot use the database .*not a database/);
  });

  it('names the database when a directory sits where the file should be', async () => {
    const dir = cleanup.dir(await tempDir());
    const db = path.join(dir, 'twitch-cv.db');
    await mkdir(db);
    await expectStoreError(() => openStore(dir), db, /cannot open the database/);
  });

  it('refuses a database from a newer version instead of damaging it', async () => {
    const dir = cleanup.dir(await tempDir());
    const dbPath = path.join(dir, 'twitch-cv.db');
    const db = new Database(dbPath);
    db.pragma('user_version = 99');
    db.close();
    await expectStoreError(() => openStore(dir), dbPath, /newer version of twitch-cv \(schema 99/);
  });

  it('fails start-up with the reason when the worker cannot start', async () => {
    const dir = cleanup.dir(await tempDir());
    const bad = path.join(dir, 'storeWorker.mjs');
    await writeFile(bad, "throw new Error('worker exploded on load');");
    await expect(
      openStore(path.join(dir, 'data'), { workerEntry: { url: pathToFileURL(bad), mode: 'native' } }),
    ).rejects.toThrow(/store worker for .*twitch-cv\.db stopped: worker exploded on load/);
  });

  it('refuses an empty path', async () => {
    await expect(openStore('  ')).rejects.toThrow(/the data directory is empty/);
  });
});
