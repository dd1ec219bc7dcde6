import { describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../../shared/domain';
import { FeedBuffer } from './feed';

const event = (n: number): CommandEvent => ({
  ts: n,
  channel: 'chan',
  userId: `u${n}`,
  userName: `user${n}`,
  variable: 'cutoff',
  raw: `!cutoff ${n}`,
  value: n,
  outcome: 'accepted',
  reason: null,
  latencyUs: 100,
});

describe('FeedBuffer', () => {
  it('hands over everything, oldest first, while under capacity', () => {
    const feed = new FeedBuffer(5);
    for (let i = 0; i < 3; i++) feed.push(event(i));
    expect(feed.size()).toBe(3);
    const batch = feed.drain();
    expect(batch.events.map((e) => e.ts)).toEqual([0, 1, 2]);
    expect(batch.dropped).toBe(0);
    expect(feed.size()).toBe(0);
    expect(feed.drain()).toEqual({ events: [], dropped: 0 });
  });

  it('keeps the newest events in a flood and counts the older ones it let go', () => {
    const feed = new FeedBuffer(4);
    for (let i = 0; i < 11; i++) feed.push(event(i));
    expect(feed.size()).toBe(11);
    const batch = feed.drain();
    expect(batch.events.map((e) => e.ts)).toEqual([7, 8, 9, 10]);
    expect(batch.dropped).toBe(7);
    // The next interval starts clean, in order.
    for (let i = 11; i < 14; i++) feed.push(event(i));
    expect(feed.drain()).toEqual({ events: [11, 12, 13].map(event), dropped: 0 });
  });

  it('refuses a capacity that cannot hold anything', () => {
    expect(() => new FeedBuffer(0)).toThrow(RangeError);
  });
});
