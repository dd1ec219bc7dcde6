import { describe, expect, it } from 'vitest';
import { WindowAggregator } from './aggregate';

describe('WindowAggregator', () => {
  it('opens at the first value and is due windowMs later', () => {
    const w = new WindowAggregator('mean', 1000);
    expect(w.isOpen()).toBe(false);
    expect(w.closeTime()).toBe(Infinity);
    w.submit('a', 'A', 10, 5000);
    w.submit('b', 'B', 20, 5900);
    expect(w.closeTime()).toBe(6000);
    expect(w.isDue(5999)).toBe(false);
    expect(w.isDue(6000)).toBe(true);
  });

  it('mean: averages one value per user', () => {
    const w = new WindowAggregator('mean', 1000);
    w.submit('a', 'A', 10, 0);
    w.submit('b', 'B', 20, 1);
    w.submit('c', 'C', 60, 2);
    expect(w.close()).toEqual({ value: 30, userName: 'C' });
    expect(w.isOpen()).toBe(false);
    expect(w.close()).toBeNull();
  });

  it('median: the middle value, or the mean of the two middle values', () => {
    const odd = new WindowAggregator('median', 1000);
    for (const [i, v] of [5, 100, 7].entries()) odd.submit(`u${i}`, `U${i}`, v, i);
    expect(odd.close()?.value).toBe(7);
    const even = new WindowAggregator('median', 1000);
    for (const [i, v] of [1, 100, 3, 4].entries()) even.submit(`u${i}`, `U${i}`, v, i);
    expect(even.close()?.value).toBe(3.5);
  });

  it('median sorts numerically, not as strings', () => {
    const w = new WindowAggregator('median', 1000);
    for (const [i, v] of [9, 10, 100].entries()) w.submit(`u${i}`, `U${i}`, v, i);
    expect(w.close()?.value).toBe(10);
  });

  it('vote: the most requested value wins', () => {
    const w = new WindowAggregator('vote', 1000);
    w.submit('a', 'A', 70, 0);
    w.submit('b', 'B', 20, 1);
    w.submit('c', 'C', 70, 2);
    w.submit('d', 'D', 20, 3);
    w.submit('e', 'E', 70, 4);
    expect(w.close()).toEqual({ value: 70, userName: 'E' });
  });

  it('vote: a tie goes to the tied value voted for most recently', () => {
    const w = new WindowAggregator('vote', 1000);
    w.submit('a', 'A', 10, 0);
    w.submit('b', 'B', 20, 1);
    w.submit('c', 'C', 20, 2);
    w.submit('d', 'D', 10, 3);
    expect(w.close()).toEqual({ value: 10, userName: 'D' });
  });

  it('one vote per user per window: a later vote replaces the earlier one', () => {
    const w = new WindowAggregator('vote', 1000);
    w.submit('a', 'A', 10, 0);
    w.submit('a', 'A', 10, 1);
    w.submit('a', 'A', 10, 2);
    w.submit('b', 'B', 50, 3);
    w.submit('c', 'C', 50, 4);
    expect(w.close()?.value).toBe(50);
    const m = new WindowAggregator('mean', 1000);
    m.submit('a', 'A', 100, 0);
    m.submit('a', 'A', 0, 1);
    m.submit('b', 'B', 10, 2);
    expect(m.close()?.value).toBe(5);
  });

  it('starts a fresh window after closing, and cancel drops votes', () => {
    const w = new WindowAggregator('vote', 1000);
    w.submit('a', 'A', 1, 0);
    w.close();
    w.submit('a', 'A', 2, 5000);
    expect(w.closeTime()).toBe(6000);
    expect(w.close()?.value).toBe(2);
    w.submit('a', 'A', 3, 7000);
    w.cancel();
    expect(w.isOpen()).toBe(false);
    expect(w.close()).toBeNull();
  });
});
