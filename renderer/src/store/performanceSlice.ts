// The latest engine snapshot, a rolling history for the charts, and the alerts it raises. The history is
// what the uPlot charts read through a transient subscription; React components read single numbers.
import { evaluateAlerts, type Alert } from '../../../shared/alerts';
import type { EngineStateSnapshot } from '../../../shared/domain';
import type { PerfHistory, PerformanceSlice, Slice } from './types';

/** Five minutes at the engine's busiest rate (10 Hz), sampled no closer than every 250 ms. */
export const HISTORY_SECONDS = 300;
const MIN_SAMPLE_GAP_MS = 250;
const HISTORY_POINTS = (HISTORY_SECONDS * 1000) / MIN_SAMPLE_GAP_MS;

export const emptyHistory = (): PerfHistory => ({ t: [], p50: [], p95: [], p99: [], cps: [] });

function appendCapped(column: number[], value: number, drop: number): number[] {
  const next = drop > 0 ? column.slice(drop) : column.slice();
  next.push(value);
  return next;
}

export function appendHistory(h: PerfHistory, s: EngineStateSnapshot): PerfHistory {
  const t = s.at / 1000;
  const last = h.t[h.t.length - 1];
  if (last !== undefined && (t - last) * 1000 < MIN_SAMPLE_GAP_MS) return h;
  // Everything older than the window goes, and never more than HISTORY_POINTS points.
  let drop = 0;
  while (drop < h.t.length && (h.t[drop]! < t - HISTORY_SECONDS || h.t.length - drop >= HISTORY_POINTS))
    drop++;
  const lat = s.latency.process;
  const has = lat.count > 0;
  return {
    t: appendCapped(h.t, t, drop),
    p50: appendCapped(h.p50, has ? lat.p50 : 0, drop),
    p95: appendCapped(h.p95, has ? lat.p95 : 0, drop),
    p99: appendCapped(h.p99, has ? lat.p99 : 0, drop),
    cps: appendCapped(h.cps, s.rates.commandsPerSec, drop),
  };
}

const alertKey = (alerts: Alert[]) => alerts.map((a) => `${a.metric}:${a.level}:${a.message}`).join('|');

export const createPerformanceSlice: Slice<PerformanceSlice> = (set) => ({
  snapshot: null,
  history: emptyHistory(),
  alerts: [],
  applySnapshot: (snapshot) =>
    set((s) => {
      const alerts = s.config ? evaluateAlerts(snapshot, s.config.alerts) : [];
      return {
        snapshot,
        history: appendHistory(s.history, snapshot),
        // Keep the same array while nothing changed, so the banners do not re-render ten times a second.
        alerts: alertKey(alerts) === alertKey(s.alerts) ? s.alerts : alerts,
      };
    }),
});
