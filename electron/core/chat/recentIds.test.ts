import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentIds } from './recentIds';

/** The obvious implementation, as the model: a queue of the last `capacity` ids. */
function modelOf(capacity: number) {
  const kept: string[] = [];
  return {
    add(id: string): boolean {
      if (kept.includes(id)) return false;
      kept.push(id);
      if (kept.length > capacity) kept.shift();
      return true;
    },
    get size() {
      return kept.length;
    },
  };
}

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

  it('answers exactly like a queue of the last `capacity` ids, evictions included', () => {
    // A small alphabet of ids and small capacities: many repeats, many evictions, long probe chains.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `id-${i}`)), { maxLength: 400 }),
        (capacity, sequence) => {
          const ids = new RecentIds(capacity);
          const model = modelOf(capacity);
          for (const id of sequence) expect(ids.add(id)).toBe(model.add(id));
          expect(ids.size).toBe(model.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells apart real Twitch message ids (UUIDs) across many evictions', () => {
    const ids = new RecentIds(10_000);
    const seen: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const id = crypto.randomUUID();
      seen.push(id);
      expect(ids.add(id)).toBe(true);
    }
    // The last 10,000 are remembered, everything older is forgotten.
    expect(seen.slice(-10_000).every((id) => !ids.add(id))).toBe(true);
  });
});
