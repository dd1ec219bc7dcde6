import { afterEach, describe, expect, it } from 'vitest';
import { LatencyRecorder, type HistogramImplementation } from './latency';

const open: LatencyRecorder[] = [];
function recorder(impl: HistogramImplementation, clock?: { t: number }): LatencyRecorder {
  const r = new LatencyRecorder({
    implementation: impl,
    autoRotate: false,
    windowMs: 10_000,
    slots: 5,
    ...(clock ? { now: () => clock.t } : {}),
  });
  open.push(r);
  return r;
}
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

describe.each(['wasm', 'js'] as const)('LatencyRecorder (%s)', (impl) => {
  it('uses the implementation it was asked for', () => {
    expect(recorder(impl).implementation).toBe(impl);
  });

  it('reports percentiles of a uniform 1..100,000 µs distribution in ms, within HDR resolution', () => {
    const r = recorder(impl);
    // Shuffled order, so nothing depends on values arriving sorted.
    for (let i = 0; i < 100_000; i++) r.record(((i * 7919) % 100_000) + 1);
    const s = r.summary();
    expect(s.count).toBe(100_000);
    // 3 significant digits: every reported value is within 0.1 % of the true one.
    expect(s.p50).toBeCloseTo(50, 1);
    expect(Math.abs(s.p50 - 50) / 50).toBeLessThan(0.001);
    expect(Math.abs(s.p95 - 95) / 95).toBeLessThan(0.001);
    expect(Math.abs(s.p99 - 99) / 99).toBeLessThan(0.001);
    expect(Math.abs(s.max - 100) / 100).toBeLessThan(0.001);
    // The mean comes from an exact sum, not from bin midpoints.
    expect(s.mean).toBe(50.001);
  });

  it('keeps µs precision for sub-millisecond latencies', () => {
    const r = recorder(impl);
    for (let i = 0; i < 98; i++) r.record(37);
    r.record(412);
    r.record(1_234);
    const s = r.summary();
    expect(s).toMatchObject({ count: 100, p50: 0.037, p95: 0.037, p99: 0.412, max: 1.234 });
  });

  it('clamps negative, NaN and huge values instead of throwing, and rounds fractions', () => {
    const r = recorder(impl);
    r.record(-5);
    r.record(Number.NaN);
    r.record(Number.POSITIVE_INFINITY);
    r.record(1e12);
    r.record(12.6);
    const s = r.summary();
    expect(s.count).toBe(5);
    expect(s.p50).toBe(0.013);
    expect(Math.abs(s.max - 60_000) / 60_000).toBeLessThan(0.001);
  });

  it('gives an empty summary before anything is recorded', () => {
    expect(recorder(impl).summary()).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('forgets old values in the rolling window but keeps them all-time', () => {
    const clock = { t: 1_000 };
    const r = recorder(impl, clock);
    // What the rotation timer does in production: move the clock, then rotate.
    const tick = (ms: number) => {
      clock.t += ms;
      r.advance();
    };
    for (let i = 0; i < 10; i++) r.record(100);
    tick(5_000);
    for (let i = 0; i < 10; i++) r.record(200);
    expect(r.windowSummary()).toMatchObject({ count: 20, p50: 0.1, max: 0.2 });

    tick(5_500); // 10.5 s after the first values: they have left the 10 s window
    expect(r.windowSummary()).toMatchObject({ count: 10, p50: 0.2, mean: 0.2 });
    expect(r.summary()).toMatchObject({ count: 20, p50: 0.1, max: 0.2, mean: 0.15 });

    tick(60_000); // a long quiet spell
    expect(r.windowSummary().count).toBe(0);
    expect(r.summary().count).toBe(20);
    r.record(300);
    expect(r.windowSummary()).toMatchObject({ count: 1, p50: 0.3 });
    expect(r.summary().count).toBe(21);
  });

  it('reset() clears both views', () => {
    const r = recorder(impl);
    r.record(10);
    r.reset();
    expect(r.summary().count).toBe(0);
    expect(r.windowSummary().count).toBe(0);
  });

  it('derives cumulative bucket counts that match counting the raw values', () => {
    const r = recorder(impl);
    const raw: number[] = [];
    let seed = 42;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const v = 1 + (seed % 1_900); // below 2,048 µs, where HDR bins are exactly 1 µs wide
      raw.push(v);
      r.record(v);
    }
    const bounds = [1, 50, 100, 250, 500, 1_000, 1_899, 1_900, 10_000];
    const b = r.cumulativeBuckets(bounds);
    expect(b.count).toBe(20_000);
    expect(b.counts).toEqual(bounds.map((bound) => raw.filter((v) => v <= bound).length));
    expect(b.sumUs).toBe(raw.reduce((a, v) => a + v, 0));
  });
});
