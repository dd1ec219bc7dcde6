// Dashboard alerts from a snapshot and the config's thresholds. Pure, so the UI, the overlay and the
// metrics endpoint all agree on when something is a warning and when it is critical.
import type { Config } from './config';
import type { EngineStateSnapshot } from './domain';

export type AlertLevel = 'warning' | 'critical';
export type AlertMetric = 'latency' | 'errorRate' | 'memory';

export interface Alert {
  metric: AlertMetric;
  level: AlertLevel;
  /** The measured value, in the unit of the message (ms, fraction, MB). */
  value: number;
  threshold: number;
  message: string;
}

export type AlertThresholds = Config['alerts'];

function level(value: number, warn: number, crit: number): AlertLevel | null {
  if (value > crit) return 'critical';
  if (value > warn) return 'warning';
  return null;
}

const pct = (f: number) => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)} %`;

/** Alerts in a fixed order (latency, error rate, memory); critical ones name the critical threshold. */
export function evaluateAlerts(
  snapshot: Pick<EngineStateSnapshot, 'latency' | 'rates' | 'memory'>,
  t: AlertThresholds,
): Alert[] {
  const alerts: Alert[] = [];
  // With no accepted command measured yet there is no latency to judge.
  const p95 = snapshot.latency.process.count > 0 ? snapshot.latency.process.p95 : 0;
  const l = level(p95, t.p95WarnMs, t.p95CritMs);
  if (l) {
    const threshold = l === 'critical' ? t.p95CritMs : t.p95WarnMs;
    alerts.push({
      metric: 'latency',
      level: l,
      value: p95,
      threshold,
      message: `P95 latency ${p95.toFixed(1)} ms is above ${threshold} ms`,
    });
  }
  const e = level(snapshot.rates.errorRate, t.errorRateWarn, t.errorRateCrit);
  if (e) {
    const threshold = e === 'critical' ? t.errorRateCrit : t.errorRateWarn;
    alerts.push({
      metric: 'errorRate',
      level: e,
      value: snapshot.rates.errorRate,
      threshold,
      message: `Error rate ${pct(snapshot.rates.errorRate)} is above ${pct(threshold)}`,
    });
  }
  const m = level(snapshot.memory.rssMb, t.memoryWarnMb, t.memoryCritMb);
  if (m) {
    const threshold = m === 'critical' ? t.memoryCritMb : t.memoryWarnMb;
    alerts.push({
      metric: 'memory',
      level: m,
      value: snapshot.memory.rssMb,
      threshold,
      message: `Memory ${Math.round(snapshot.memory.rssMb)} MB is above ${threshold} MB`,
    });
  }
  return alerts;
}
