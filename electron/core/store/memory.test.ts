import { describe, expect, it } from 'vitest';
import { MemoryAnalyticsSink, MemoryStateStore } from './memory';
import { event } from './testSupport';

describe('MemoryAnalyticsSink', () => {
  it('keeps events and answers queries like the SQLite store (newest first, same filters)', async () => {
    const sink = new MemoryAnalyticsSink();
    sink.record(event(1, { userName: 'Alice' }));
    sink.record(event(2, { userName: 'bob', outcome: 'refused', reason: 'cooldown' }));
    sink.record(
      event(3, { userName: 'alice', variable: 'pitch', outcome: 'refused', reason: 'out_of_range' }),
    );
    sink.record(event(4, { userName: 'carol', outcome: 'refused', reason: 'cooldown' }));

    expect((await sink.recent(10)).map((e) => e.ts % 10)).toEqual([4, 3, 2, 1]);
    expect((await sink.recent(2)).map((e) => e.userName)).toEqual(['carol', 'alice']);
    expect((await sink.recent(10, { user: 'ALICE' })).map((e) => e.ts % 10)).toEqual([3, 1]);
    expect((await sink.recent(10, { user: '10000002' }))[0]?.userName).toBe('bob');
    expect((await sink.recent(10, { variable: 'Pitch' })).map((e) => e.ts % 10)).toEqual([3]);
    expect(await sink.counts(0)).toEqual([
      { outcome: 'refused', reason: 'cooldown', n: 2 },
      { outcome: 'accepted', reason: null, n: 1 },
      { outcome: 'refused', reason: 'out_of_range', n: 1 },
    ]);
    expect(sink.stats()).toMatchObject({ pendingRows: 0, writtenRows: 4, errors: 0 });
  });

  it('counts records after close as dropped instead of throwing', async () => {
    const sink = new MemoryAnalyticsSink();
    await sink.close();
    expect(() => sink.record(event(1))).not.toThrow();
    expect(sink.events).toHaveLength(0);
    expect(sink.stats().droppedRows).toBe(1);
  });
});

describe('MemoryStateStore', () => {
  it('round-trips a copy of the state, like a restart would', async () => {
    const store = new MemoryStateStore();
    expect(store.load()).toBeNull();
    const s = { values: { cutoff: 10 }, locked: ['x'], panic: true, blockedUsers: [] };
    store.save(s);
    s.values.cutoff = 99;
    await store.flush();
    expect(store.load()).toEqual({ values: { cutoff: 10 }, locked: ['x'], panic: true, blockedUsers: [] });
    expect(new MemoryStateStore(store.saved).load()?.values.cutoff).toBe(10);
    expect(store.saves).toBe(1);
    expect(store.flushes).toBe(1);
  });
});
