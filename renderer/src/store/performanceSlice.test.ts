import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { HISTORY_SECONDS } from './performanceSlice';
import { parseConfig, type Config } from '../../../shared/config';
import type { EngineStateSnapshot } from '../../../shared/domain';

function snap(atMs: number, p95 = 1, rssMb = 100): EngineStateSnapshot {
  return {
    at: atMs,
    uptimeSec: 1,
    chat: { state: 'connected', channels: ['c'], reason: null },
    osc: { targets: [], sent: 0, errors: 0 },
    store: { path: null, pendingRows: 0, writtenRows: 0, errors: 0 },
    panic: false,
    variables: [],
    counters: { received: 1, accepted: 1, refused: 0, byReason: {} },
    latency: {
      process: { count: 5, p50: 0.5, p95, p99: p95 * 2, max: 9, mean: 0.6 },
      twitch: { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
    },
    rates: { commandsPerSec: 12, errorRate: 0 },
    activeUsers: 3,
    memory: { rssMb, heapUsedMb: 20 },
  };
}

const config = (() => {
  const r = parseConfig({ variables: [{ name: 'x', address: '/x' }] });
  if (!r.ok) throw new Error('bad test config');
  return r.config;
})();

describe('performance slice', () => {
  it('samples the chart history no closer than 250 ms and keeps only the last five minutes', () => {
    const store = createAppStore();
    const t0 = 1_700_000_000_000;
    store.getState().applySnapshot(snap(t0));
    store.getState().applySnapshot(snap(t0 + 100));
    expect(store.getState().history.t).toHaveLength(1);
    for (let i = 1; i <= 1500; i++) store.getState().applySnapshot(snap(t0 + i * 500));
    const { t, p95, cps } = store.getState().history;
    expect(t.at(-1)).toBe((t0 + 1500 * 500) / 1000);
    expect(t.at(-1)! - t[0]!).toBeLessThanOrEqual(HISTORY_SECONDS);
    expect(p95).toHaveLength(t.length);
    expect(cps.at(-1)).toBe(12);
  });

  it('raises alerts from the config thresholds and keeps the same array while they do not change', () => {
    const store = createAppStore();
    store.getState().setConfig(config as Config);
    store.getState().applySnapshot(snap(1000, 13));
    const first = store.getState().alerts;
    expect(first.map((a) => [a.metric, a.level])).toEqual([['latency', 'warning']]);
    store.getState().applySnapshot(snap(2000, 13));
    expect(store.getState().alerts).toBe(first);
    store.getState().applySnapshot(snap(3000, 19, 490));
    expect(store.getState().alerts.map((a) => [a.metric, a.level])).toEqual([
      ['latency', 'critical'],
      ['memory', 'critical'],
    ]);
    // New thresholds apply at once, without waiting for the next snapshot.
    store.getState().setConfig({
      ...config,
      alerts: { ...config.alerts, p95WarnMs: 50, p95CritMs: 60, memoryCritMb: 900, memoryWarnMb: 800 },
    });
    expect(store.getState().alerts).toEqual([]);
  });
});
