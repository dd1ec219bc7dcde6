import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { FEED_CAPACITY, filterFeed } from './feedSlice';
import type { CommandEvent } from '../../../shared/domain';

function ev(i: number, over: Partial<CommandEvent> = {}): CommandEvent {
  return {
    ts: 1_700_000_000_000 + i,
    channel: 'c',
    userId: `u${i % 7}`,
    userName: `user${i % 7}`,
    variable: i % 2 ? 'cutoff' : 'res',
    raw: `!cutoff ${i}`,
    value: i,
    outcome: i % 3 ? 'accepted' : 'refused',
    reason: i % 3 ? null : 'bad_value',
    latencyUs: 100,
    ...over,
  };
}
const batch = (from: number, n: number) => Array.from({ length: n }, (_, k) => ev(from + k));

describe('feed slice', () => {
  it('keeps only the newest rows, oldest first, with stable increasing keys', () => {
    const store = createAppStore();
    store.getState().pushCommands({ events: batch(0, 300), dropped: 0 });
    store.getState().pushCommands({ events: batch(300, 300), dropped: 0 });
    const rows = store.getState().feedRows;
    expect(rows).toHaveLength(FEED_CAPACITY);
    expect(rows[0]!.raw).toBe('!cutoff 100');
    expect(rows.at(-1)!.raw).toBe('!cutoff 599');
    expect(rows.every((r, i) => i === 0 || r.seq === rows[i - 1]!.seq + 1)).toBe(true);
  });

  it('takes only the tail of a batch bigger than the ring, keys still counting every event', () => {
    const store = createAppStore();
    store.getState().pushCommands({ events: batch(0, 2000), dropped: 0 });
    const rows = store.getState().feedRows;
    expect(rows).toHaveLength(FEED_CAPACITY);
    expect(rows[0]!.raw).toBe('!cutoff 1500');
    expect(rows.at(-1)!.seq).toBe(1999);
  });

  it('holds the view still while paused, counting what arrives (including rows the engine dropped)', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().pushCommands({ events: batch(0, 10), dropped: 0 });
    s().setFeedPaused(true);
    const frozen = s().feedFrozen;
    s().pushCommands({ events: batch(10, 5), dropped: 3 });
    expect(s().feedFrozen).toBe(frozen);
    expect(s().feedFrozen).toHaveLength(10);
    expect(s().feedRows).toHaveLength(15);
    expect(s().feedNewSincePause).toBe(8);
    expect(s().feedDropped).toBe(3);
    s().setFeedPaused(false);
    expect(s().feedFrozen).toBeNull();
    expect(s().feedNewSincePause).toBe(0);
    s().pushCommands({ events: batch(15, 1), dropped: 0 });
    expect(s().feedNewSincePause).toBe(0);
  });

  it('an empty batch changes nothing (no re-render)', () => {
    const store = createAppStore();
    const before = store.getState();
    store.getState().pushCommands({ events: [], dropped: 0 });
    expect(store.getState()).toBe(before);
  });

  it('filters by a part of the user name, by variable and by outcome', () => {
    const store = createAppStore();
    store.getState().pushCommands({ events: batch(0, 42), dropped: 0 });
    const rows = store.getState().feedRows;
    const byUser = filterFeed(rows, { user: ' USER3 ', variable: '', outcome: '', chatter: true });
    expect(byUser.length).toBe(6);
    expect(byUser.every((r) => r.userName === 'user3')).toBe(true);
    const refusedCutoff = filterFeed(rows, {
      user: '',
      variable: 'cutoff',
      outcome: 'refused',
      chatter: true,
    });
    expect(refusedCutoff.length).toBeGreaterThan(0);
    expect(refusedCutoff.every((r) => r.variable === 'cutoff' && r.outcome === 'refused')).toBe(true);
    expect(filterFeed(rows, { user: '', variable: '', outcome: '', chatter: true })).toBe(rows);
  });

  it('leaves ordinary chat lines out unless asked, counting them', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const chatter = (i: number) =>
      ev(i, { raw: 'hello chat', variable: null, value: null, outcome: 'refused', reason: 'not_a_command' });
    s().pushCommands({ events: [ev(1), chatter(2), chatter(3), ev(4)], dropped: 0 });
    expect(s().feedRows.map((r) => r.raw)).toEqual(['!cutoff 1', '!cutoff 4']);
    expect(s().feedChatterSkipped).toBe(2);
    const before = s().feedRows;
    s().pushCommands({ events: [chatter(5)], dropped: 0 });
    expect(s().feedRows).toBe(before);
    expect(s().feedChatterSkipped).toBe(3);

    s().setFeedFilter({ chatter: true });
    s().pushCommands({ events: [chatter(6)], dropped: 0 });
    expect(s().feedRows.at(-1)!.raw).toBe('hello chat');
    expect(filterFeed(s().feedRows, { ...s().feedFilter, chatter: false }).map((r) => r.raw)).toEqual([
      '!cutoff 1',
      '!cutoff 4',
    ]);
  });
});
