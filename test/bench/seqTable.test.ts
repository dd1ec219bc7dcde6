import { describe, expect, it } from 'vitest';
import { DUPLICATE_SEQ, MAX_SEQ, SeqTable, UNKNOWN_SEQ } from '../../bench/load/seqTable';
import { summarizeRange, windowSeries } from '../../bench/stats/latency';

describe('SeqTable', () => {
  it('matches a received sequence number to its send time, once', () => {
    const t = SeqTable.create(100);
    t.markSent(5, 1_000, 2, true);
    expect(t.markReceived(5, 1_250)).toBe(250);
    expect(t.markReceived(5, 1_300)).toBe(DUPLICATE_SEQ);
    expect(t.phaseOf(5)).toBe(2);
    expect(t.isModerator(5)).toBe(true);
  });

  it('refuses values that were never sent: start-up outputs, fractions, out of range', () => {
    const t = SeqTable.create(100);
    t.markSent(1, 10, 0, false);
    expect(t.markReceived(0, 20)).toBe(UNKNOWN_SEQ);
    expect(t.markReceived(2, 20)).toBe(UNKNOWN_SEQ);
    expect(t.markReceived(1.5, 20)).toBe(UNKNOWN_SEQ);
    expect(t.markReceived(100, 20)).toBe(UNKNOWN_SEQ);
    expect(t.markReceived(-1, 20)).toBe(UNKNOWN_SEQ);
  });

  it('every sequence number it can hold survives the trip through a float32', () => {
    const f = new Float32Array(1);
    for (const seq of [1, 2 ** 23 - 1, 2 ** 23 + 1, MAX_SEQ - 1]) {
      f[0] = seq;
      expect(f[0]).toBe(seq);
    }
    expect(MAX_SEQ).toBeLessThanOrEqual(2 ** 24);
  });

  it('is shared: a second view on the same buffers sees the first one`s writes', () => {
    const a = SeqTable.create(10);
    const b = SeqTable.attach(a.buffers);
    a.markSent(3, 7, 1, false);
    expect(b.markReceived(3, 9)).toBe(2);
    expect(a.unreceived(1, 10).total).toBe(0);
  });

  it('counts what never arrived, per phase', () => {
    const t = SeqTable.create(10);
    for (let s = 1; s <= 6; s++) t.markSent(s, s * 10, s <= 3 ? 0 : 1, false);
    t.markReceived(2, 100);
    t.markReceived(5, 100);
    const u = t.unreceived(1, 10);
    expect(u.total).toBe(4);
    expect(u.byPhase).toEqual([2, 2]);
  });
});

describe('range statistics', () => {
  it('summarizes delivered share and latency percentiles of a range', () => {
    const t = SeqTable.create(200);
    for (let s = 1; s <= 100; s++) {
      t.markSent(s, 1000, 0, s % 10 === 0);
      if (s <= 98) t.markReceived(s, 1000 + s * 10); // latency s × 10 µs
    }
    const r = summarizeRange(t, 1, 101);
    expect(r.sent).toBe(100);
    expect(r.delivered).toBe(98);
    expect(r.moderatorsSent).toBe(10);
    expect(r.moderatorsDelivered).toBe(9);
    expect(r.latency.p50).toBeCloseTo(0.49, 2);
    expect(r.latency.max).toBeCloseTo(0.98, 2);
  });

  it('puts each command in the window it was SENT in, relative to an origin', () => {
    const t = SeqTable.create(10);
    t.markSent(1, 1_000_000, 0, false); // 1.0 s
    t.markSent(2, 1_600_000, 0, false); // 1.6 s
    t.markSent(3, 2_100_000, 0, false); // 2.1 s
    t.markReceived(1, 1_000_500);
    t.markReceived(3, 2_900_000); // arrives late, counts against the 2.0 s window
    const w = windowSeries(t, 1, 4, 500, 1_000_000);
    expect(w.map((p) => p.t)).toEqual([0, 0.5, 1]);
    expect(w.map((p) => [p.sent, p.delivered])).toEqual([
      [1, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(w[2]!.latency.p99).toBeCloseTo(800, 0);
  });
});
