import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PersistedState } from '../ports';
import { openStore } from './openStore';
import { sanitizeState } from './sqliteStateStore';
import { Cleanup, tempDir } from './testSupport';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const state = (cutoff: number): PersistedState => ({
  values: { cutoff, pitch: 64, gate: 1 },
  locked: ['pitch'],
  panic: false,
  blockedUsers: ['spammer_1'],
  blockedNames: { spammer_1: 'Spammer_One' },
});

function savedJson(dbPath: string): unknown {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    const row = db.prepare("SELECT json FROM state WHERE key = 'engine'").get() as
      { json: string } | undefined;
    return row ? JSON.parse(row.json) : null;
  } finally {
    db.close();
  }
}

describe('SqliteStateStore', () => {
  it('finds nothing on a fresh data directory', async () => {
    const store = cleanup.store(await openStore(cleanup.dir(await tempDir())));
    expect(store.state.load()).toBeNull();
  });

  it('brings values back after a restart (close, reopen, load)', async () => {
    const dir = cleanup.dir(await tempDir());
    const first = await openStore(dir);
    first.state.save(state(10));
    first.state.save({ ...state(70), panic: true });
    await first.close();

    const second = cleanup.store(await openStore(dir));
    expect(second.state.load()).toEqual({ ...state(70), panic: true });
  });

  it('writes the newest state by itself within the save delay, without flush()', async () => {
    const store = cleanup.store(await openStore(cleanup.dir(await tempDir()), { stateSaveDelayMs: 50 }));
    for (let v = 0; v <= 100; v++) store.state.save(state(v));
    await vi.waitFor(() => expect(savedJson(store.path)).toEqual(state(100)), { timeout: 5_000 });
  });

  it('does not let later mutation of a saved object matter once it is flushed', async () => {
    const store = cleanup.store(await openStore(cleanup.dir(await tempDir())));
    const s = state(5);
    store.state.save(s);
    await store.state.flush();
    s.values.cutoff = 99;
    expect(store.state.load()?.values.cutoff).toBe(5);
  });

  it('survives a killed worker: the newest state is written by the next one', async () => {
    const store = cleanup.store(await openStore(cleanup.dir(await tempDir())));
    store.state.save(state(1));
    await store.state.flush();
    await store.client.currentWorker!.terminate();
    store.state.save(state(2));
    await store.state.flush();
    expect(savedJson(store.path)).toEqual(state(2));
  });

  it('ignores a damaged saved state with a clear report instead of failing start-up', async () => {
    const dir = cleanup.dir(await tempDir());
    const errors: string[] = [];
    const store = cleanup.store(await openStore(dir, { onError: (e) => errors.push(e.message) }));
    const db = cleanup.db(new Database(store.path));
    db.prepare("INSERT INTO state (key, json, updated_at) VALUES ('engine', '{not json', 0)").run();
    expect(store.state.load()).toBeNull();
    expect(errors.join('\n')).toMatch(/saved state in .*twitch-cv\.db is not valid JSON/);

    db.prepare("UPDATE state SET json = '[1,2]' WHERE key = 'engine'").run();
    expect(store.state.load()).toBeNull();
    expect(errors.join('\n')).toMatch(/has the wrong shape/);
  });
});

describe('sanitizeState', () => {
  it('keeps well-formed parts and drops the rest', () => {
    expect(
      sanitizeState({
        values: { a: 1, b: 'x', c: null, d: 2.5 },
        locked: ['a', 3, null],
        panic: 'yes',
        blockedUsers: 'nobody',
        blockedNames: { u1: 'Ann', u2: 7 },
        extra: true,
      }),
    ).toEqual({
      values: { a: 1, d: 2.5 },
      locked: ['a'],
      panic: false,
      blockedUsers: [],
      blockedNames: { u1: 'Ann' },
    });
    // An older save without names is still a state.
    expect(sanitizeState({ values: {}, locked: [], panic: false, blockedUsers: ['u9'] })).toEqual({
      values: {},
      locked: [],
      panic: false,
      blockedUsers: ['u9'],
      blockedNames: {},
    });
    expect(sanitizeState(null)).toBeNull();
    expect(sanitizeState('state')).toBeNull();
  });
});
