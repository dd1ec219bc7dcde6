// The engine's state as /api/state and the dashboard show it.
import type { EngineStateSnapshot } from '../../../shared/domain';
import type { Engine } from './engine';

const ACTIVE_USER_WINDOW_MS = 5 * 60_000;

export function buildSnapshot(engine: Engine): EngineStateSnapshot {
  const chat = engine.deps.chat.status();
  const osc = engine.osc.stats();
  const store = engine.deps.analytics.stats();
  const mem = process.memoryUsage();
  const wallNow = engine.clock.wallNow();
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
    latency: { process: engine.processLatency.windowSummary(), twitch: engine.twitchLatency.windowSummary() },
    rates: engine.stats.rates(wallNow),
    activeUsers: engine.processor.activeUsers(ACTIVE_USER_WINDOW_MS),
    memory: { rssMb: round1(mem.rss / 1048576), heapUsedMb: round1(mem.heapUsed / 1048576) },
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
