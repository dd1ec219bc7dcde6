// The engine's state as /api/state and the dashboard show it.
import type { EngineStateSnapshot } from '../../../shared/domain';
import type { Engine } from './engine';

const ACTIVE_USER_WINDOW_MS = 5 * 60_000;
/**
 * How long the slow parts of a snapshot (10 s latency percentiles, the active-user count) are reused. Their
 * windows are 10 s and 5 min, so at the dashboard's 10 Hz they barely move between ticks, and computing them
 * (merging five HDR histograms per latency figure, walking the user list) took ~0.2 ms of the chat thread per
 * tick: measured, with a dashboard attached at 2,000 commands/s, as part of the end-to-end latency tail.
 */
export const SLOW_PARTS_TTL_MS = 500;

interface SlowParts {
  at: number;
  latency: EngineStateSnapshot['latency'];
  activeUsers: number;
}
const slowParts = new WeakMap<Engine, SlowParts>();

function slowPartsOf(engine: Engine, now: number, maxAgeMs: number): SlowParts {
  const cached = slowParts.get(engine);
  if (cached && now - cached.at < maxAgeMs && now >= cached.at) return cached;
  const fresh: SlowParts = {
    at: now,
    latency: { process: engine.processLatency.windowSummary(), twitch: engine.twitchLatency.windowSummary() },
    activeUsers: engine.processor.activeUsers(ACTIVE_USER_WINDOW_MS),
  };
  slowParts.set(engine, fresh);
  return fresh;
}

/**
 * @param slowPartsMaxAgeMs how old the latency percentiles and active-user count may be (0: computed now, as
 *   for /api/state; the dashboard's ticks pass SLOW_PARTS_TTL_MS).
 */
export function buildSnapshot(engine: Engine, slowPartsMaxAgeMs = 0): EngineStateSnapshot {
  const chat = engine.deps.chat.status();
  const osc = engine.osc.stats();
  const store = engine.deps.analytics.stats();
  const mem = process.memoryUsage();
  const wallNow = engine.clock.wallNow();
  const slow = slowPartsOf(engine, engine.clock.now(), slowPartsMaxAgeMs);
  return {
    at: wallNow,
    uptimeSec: Math.round((wallNow - engine.startedAt) / 1000),
    chat: { state: chat.state, channels: chat.channels, reason: chat.reason },
    osc: { targets: engine.config.osc, sent: osc.sent, errors: osc.errors },
    store: {
      path: engine.deps.dataDir,
      pendingRows: store.pendingRows,
      writtenRows: store.writtenRows,
      errors: store.errors,
    },
    panic: engine.processor.isPanic(),
    variables: engine.processor.variables(),
    counters: {
      received: engine.stats.received,
      accepted: engine.stats.accepted,
      refused: engine.stats.refused,
      byReason: Object.fromEntries(Object.entries(engine.stats.byReason).filter(([, n]) => n > 0)),
    },
    // The live view: the last 10 s, so the dashboard's lines move with the show (all-time lives in /metrics).
    latency: slow.latency,
    rates: engine.stats.rates(wallNow),
    activeUsers: slow.activeUsers,
    memory: { rssMb: round1(mem.rss / 1048576), heapUsedMb: round1(mem.heapUsed / 1048576) },
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
