import { describe, expect, it } from 'vitest';
import { evaluateAlerts, type AlertThresholds } from './alerts';

const t: AlertThresholds = {
  p95WarnMs: 12,
  p95CritMs: 18,
  errorRateWarn: 0.01,
  errorRateCrit: 0.03,
  memoryWarnMb: 400,
  memoryCritMb: 480,
};

function snap(p95: number, errorRate: number, rssMb: number, count = 10) {
  return {
    latency: {
      process: { count, p50: 1, p95, p99: p95, max: p95, mean: 1 },
      twitch: { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
    },
    rates: { commandsPerSec: 100, errorRate },
    memory: { rssMb, heapUsedMb: 10 },
  };
}

describe('evaluateAlerts', () => {
  it('is quiet at or below every warning threshold', () => {
    expect(evaluateAlerts(snap(12, 0.01, 400), t)).toEqual([]);
  });

  it('warns above the warning threshold and goes critical above the critical one', () => {
    expect(evaluateAlerts(snap(12.5, 0, 100), t)).toEqual([
      expect.objectContaining({ metric: 'latency', level: 'warning', threshold: 12 }),
    ]);
    const all = evaluateAlerts(snap(19, 0.05, 500), t);
    expect(all.map((a) => [a.metric, a.level, a.threshold])).toEqual([
      ['latency', 'critical', 18],
      ['errorRate', 'critical', 0.03],
      ['memory', 'critical', 480],
    ]);
    expect(all[1]!.message).toBe('Error rate 5.0 % is above 3.0 %');
    expect(evaluateAlerts(snap(1, 0.02, 450), t).map((a) => a.level)).toEqual(['warning', 'warning']);
  });

  it('ignores latency until something has been measured', () => {
    expect(evaluateAlerts(snap(50, 0, 100, 0), t)).toEqual([]);
  });

  it('follows configured thresholds', () => {
    expect(evaluateAlerts(snap(5, 0, 100), { ...t, p95WarnMs: 4 })[0]!.message).toBe(
      'P95 latency 5.0 ms is above 4 ms',
    );
  });
});
