import { describe, expect, it } from 'vitest';
import { RecentIds } from './recentIds';

describe('RecentIds', () => {
  it('rejects an id seen among the last `capacity` ids and forgets older ones', () => {
    const ids = new RecentIds(3);
    expect(['a', 'b', 'a', 'c', 'd'].map((id) => ids.add(id))).toEqual([true, true, false, true, true]);
    expect(ids.size).toBe(3);
    expect(ids.add('a')).toBe(true); // 'a' was evicted by 'd'
    expect(ids.add('c')).toBe(false);
  });

  it('stays bounded under a flood of unique ids', () => {
    const ids = new RecentIds(10_000);
    for (let i = 0; i < 100_000; i++) ids.add(`id-${i}`);
    expect(ids.size).toBe(10_000);
    expect(ids.add('id-99999')).toBe(false);
    expect(ids.add('id-0')).toBe(true);
  });
});
