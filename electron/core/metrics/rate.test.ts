import { describe, expect, it } from 'vitest';
import { ErrorRateMeter, RateMeter } from './rate';

describe('RateMeter', () => {
  it('averages whole seconds over the window and ignores the second in progress', () => {
    const m = new RateMeter(5);
    const t0 = 1_000_000;
    // 10/s for 5 seconds, then 50 in the current (incomplete) second.
    for (let s = 0; s < 5; s++) for (let i = 0; i < 10; i++) m.mark(t0 + s * 1000 + i * 50);
    for (let i = 0; i < 50; i++) m.mark(t0 + 5_000 + i);
    expect(m.perSecond(t0 + 5_500)).toBe(10);
    expect(m.total).toBe(100);
  });

  it('divides by the seconds actually seen right after start, not by the whole window', () => {
    const m = new RateMeter(10);
    for (let i = 0; i < 30; i++) m.mark(2_000 + i);
    for (let i = 0; i < 30; i++) m.mark(3_000 + i);
    expect(m.perSecond(4_100)).toBe(30);
    expect(new RateMeter(10).perSecond(123_456)).toBe(0);
  });

  it('drops to zero after a quiet spell longer than the window', () => {
    const m = new RateMeter(5);
    for (let i = 0; i < 100; i++) m.mark(10_000 + i);
    expect(m.perSecond(11_000)).toBeGreaterThan(0);
    expect(m.perSecond(60_000)).toBe(0);
    m.mark(60_100, 7);
    expect(m.perSecond(61_000)).toBe(7 / 5);
  });

  it('counts a slightly late timestamp in its own second', () => {
    const m = new RateMeter(5);
    m.mark(5_100);
    m.mark(6_100);
    m.mark(5_900, 3); // arrives after a 6 s event, stamped 5.9 s
    expect(m.countOver(1)).toBe(4); // second 5: one on time, three late
    expect(m.perSecond(7_000)).toBe(2.5); // (4 in second 5 + 1 in second 6) / 2 seconds
  });
});

describe('ErrorRateMeter', () => {
  it('reports commands per second and the error share over the same window', () => {
    const m = new ErrorRateMeter(5);
    for (let s = 0; s < 5; s++) for (let i = 0; i < 100; i++) m.mark(s * 1000 + i, i < 2);
    expect(m.commandsPerSec(5_000)).toBe(100);
    expect(m.errorRate(5_000)).toBeCloseTo(0.02, 10);
  });

  it('reports 0 rather than NaN when nothing happened', () => {
    const m = new ErrorRateMeter();
    expect(m.errorRate(10_000)).toBe(0);
    m.mark(1_000, false);
    expect(m.errorRate(60_000)).toBe(0);
  });
});
