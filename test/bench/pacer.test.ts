import { describe, expect, it } from 'vitest';
import { isModerator, Pacer, plannedMessages, userOf } from '../../bench/load/phase';

describe('Pacer', () => {
  it('spreads a rate evenly over the phase and sends exactly rate × duration', () => {
    const p = new Pacer(1000, 2000, 0);
    expect(p.total).toBe(2000);
    expect(p.due(0)).toBe(0);
    expect(p.due(1)).toBe(1);
    expect(p.due(10.5)).toBe(10);
    p.take(10);
    expect(p.due(10.9)).toBe(0);
    expect(p.due(500)).toBe(490);
    p.take(490);
    expect(p.done(2000)).toBe(false);
    expect(p.due(5000)).toBe(1500); // never more than the phase's total
    p.take(1500);
    expect(p.done(2000)).toBe(true);
  });

  it('after a stall, everything that fell due goes at once (the achieved rate stays the target)', () => {
    const p = new Pacer(10_000, 1000, 100);
    expect(p.due(150)).toBe(500);
    p.take(500);
    expect(p.due(151)).toBe(10);
  });

  it('is not done before its time even when nothing is due (an idle phase waits)', () => {
    const p = new Pacer(0, 1000, 0);
    expect(p.total).toBe(0);
    expect(p.due(500)).toBe(0);
    expect(p.done(500)).toBe(false);
    expect(p.done(1000)).toBe(true);
  });
});

describe('users of a phase', () => {
  it('go round-robin from firstUser and every n-th is a moderator', () => {
    const phase = { name: 'x', rate: 10, users: 3, durationMs: 1000, firstUser: 100, moderatorEvery: 50 };
    expect([0, 1, 2, 3, 4].map((k) => userOf(phase, k))).toEqual([100, 101, 102, 100, 101]);
    expect(isModerator(phase, 100)).toBe(true);
    expect(isModerator(phase, 101)).toBe(false);
    expect(isModerator({ ...phase, moderatorEvery: 0 }, 100)).toBe(false);
  });

  it('plans the total number of messages of a list of phases', () => {
    expect(
      plannedMessages([
        { name: 'a', rate: 200, users: 1, durationMs: 1500 },
        { name: 'b', rate: 0, users: 1, durationMs: 9000 },
        { name: 'c', rate: 5000, users: 1, durationMs: 2000 },
      ]),
    ).toBe(10_300);
  });
});
