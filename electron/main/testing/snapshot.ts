// A complete engine snapshot for tests, with the fields a test cares about overridable.
import type { EngineStateSnapshot, LatencySummary } from '../../../shared/domain';

const latency: LatencySummary = { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };

export function snapshotWith(over: Partial<EngineStateSnapshot> = {}): EngineStateSnapshot {
  return {
    at: 1_700_000_000_000,
    uptimeSec: 1,
    chat: { state: 'disconnected', channels: [], reason: null },
    osc: { targets: [{ host: '127.0.0.1', port: 7400 }], sent: 0, errors: 0 },
    store: { path: null, pendingRows: 0, writtenRows: 0, errors: 0 },
    panic: false,
    variables: [],
    counters: { received: 0, accepted: 0, refused: 0, byReason: {} },
    latency: { process: latency, twitch: latency },
    rates: { commandsPerSec: 0, errorRate: 0 },
    activeUsers: 0,
    memory: { rssMb: 100, heapUsedMb: 50 },
    ...over,
  };
}
