import { describe, expect, it } from 'vitest';
import { breakingPoint, judgeStep, recoveryTime, rssGrowth } from '../../bench/analysis';
import type { WindowPoint } from '../../bench/stats/latency';

const win = (t: number, p99: number, sent = 100, delivered = sent): WindowPoint => ({
  t,
  sent,
  delivered,
  latency: { count: delivered, p50: p99 / 2, p95: p99, p99, max: p99, mean: p99 / 2 },
});

describe('recoveryTime', () => {
  const opts = { windowS: 0.5, holdS: 1 };

  it('is the start of the first run of normal windows that lasts holdS', () => {
    const series = [
      win(9, 50),
      win(10, 40),
      win(10.5, 1),
      win(11, 30),
      win(11.5, 1),
      win(12, 1),
      win(12.5, 20),
    ];
    expect(recoveryTime(series, 10, 13, 10, opts)).toBe(1.5);
  });

  it('is not undone by a later one-window hiccup', () => {
    const series = [win(10, 40), win(10.5, 1), win(11, 1), win(11.5, 1), win(12, 30), win(12.5, 1)];
    expect(recoveryTime(series, 10, 13, 10, opts)).toBe(0.5);
  });

  it('counts a run that reaches the end of the phase, however short', () => {
    expect(recoveryTime([win(10, 40), win(10.5, 40), win(11.5, 1)], 10, 12, 10, opts)).toBe(1.5);
  });

  it('is 0 when nothing degraded, null when it never recovered', () => {
    expect(recoveryTime([win(10, 1), win(11, 1)], 10, 12, 10, opts)).toBe(0);
    expect(recoveryTime([win(10, 1), win(11, 20)], 10, 12, 10, { windowS: 1, holdS: 2 })).toBeNull();
  });

  it('counts a window that lost commands as not recovered, however fast the rest was', () => {
    expect(recoveryTime([win(10, 1, 100, 90), win(11, 1), win(11.5, 1)], 10, 12, 10, opts)).toBe(1);
  });
});

describe('rssGrowth', () => {
  it('compares the mean of the first and last tenth of the samples inside the range', () => {
    const samples = Array.from({ length: 40 }, (_, i) => ({ t: i, rssMb: 100 + i * 0.1, cpuPct: 10 }));
    const g = rssGrowth(samples, 0, 39)!;
    expect(g.startMb).toBeCloseTo(100.15, 5);
    expect(g.endMb).toBeCloseTo(103.75, 5);
    expect(g.growthMb).toBeCloseTo(3.6, 5);
    expect(g.peakMb).toBeCloseTo(103.9, 5);
  });

  it('needs a few samples to say anything', () => {
    expect(rssGrowth([{ t: 0, rssMb: 1, cpuPct: 0 }], 0, 10)).toBeNull();
  });
});

describe('the stress ramp', () => {
  const step = (rate: number, p99: number, extra: Partial<Parameters<typeof judgeStep>[0]> = {}) =>
    judgeStep({
      rate,
      sent: rate,
      delivered: rate,
      sentRate: rate,
      latency: { count: rate, p50: 0.1, p95: p99, p99, max: p99, mean: 0.1 },
      refusedByReason: {},
      ...extra,
    });

  it('breaks on P99 over 10 ms, on overload shedding, and on falling behind', () => {
    expect(step(1000, 2).broke).toBe(false);
    expect(step(1000, 12).why).toMatch(/P99 12\.0 ms/);
    expect(step(10_000, 2, { delivered: 9000, refusedByReason: { overloaded: 1000 } }).why).toMatch(
      /1000 refused as overloaded/,
    );
    expect(step(10_000, 2, { delivered: 9900 }).why).toMatch(/1\.0 % not delivered/);
    expect(step(10_000, 2, { delivered: 9995 }).broke).toBe(false); // 0.05 % is noise, not a limit
  });

  it('counts commands held back from a subject that stopped reading as not delivered, not as a slow sender', () => {
    const v = step(10_000, 2, {
      sent: 6000,
      delivered: 6000,
      sentRate: 6000,
      heldBack: 4000,
      offeredRate: 10_000,
    });
    expect(v.broke).toBe(true);
    expect(v.why).toMatch(/40\.0 % not delivered, 4000 held back/);
    expect(v.driverLimited).toBe(false);
  });

  it('calls a step measured while the bench itself stalled driver-limited', () => {
    expect(step(10_000, 2, { maxTickGapMs: 250 }).driverLimited).toBe(true);
    expect(step(10_000, 2, { maxTickGapMs: 20 }).driverLimited).toBe(false);
  });

  it('reports the last rate held before the first break', () => {
    const bp = breakingPoint([step(2000, 1), step(5000, 2), step(10_000, 30), step(20_000, 3)]);
    expect(bp).toMatchObject({ safeRate: 5000, breakRate: 10_000, breakIndex: 2, driverLimited: false });
  });

  it('lets a retry decide: a step that broke once but held when tried again is not the limit', () => {
    const bp = breakingPoint([
      step(2000, 1),
      step(5000, 30),
      step(5000, 2),
      step(10_000, 30),
      step(10_000, 40),
      step(20_000, 90),
    ]);
    expect(bp).toMatchObject({ safeRate: 5000, breakRate: 10_000, breakIndex: 4 });
    expect(breakingPoint([step(2000, 1), step(5000, 30), step(5000, 2)])).toMatchObject({
      safeRate: 5000,
      breakRate: null,
    });
  });

  it('says when the sender, not the subject, was the limit', () => {
    const bp = breakingPoint([step(2000, 1), step(5000, 1, { sentRate: 3000 })]);
    expect(bp).toMatchObject({ safeRate: 2000, breakRate: null, driverLimited: true });
  });
});
