// What /healthz and /metrics report, derived from the engine's live state.
import type { Engine } from './engine';
import { latencyHistogram, processMemory, renderPrometheus } from '../metrics/prometheus';

export function healthOf(engine: Engine): { healthy: boolean; body: unknown } {
  const chat = engine.deps.chat.status();
  const osc = engine.osc.stats();
  const store = engine.deps.analytics.stats();
  const healthy = chat.state === 'connected' && !engine.isStopped();
  return {
    healthy,
    body: {
      status: healthy ? 'ok' : 'degraded',
      chat: {
        connected: chat.state === 'connected',
        state: chat.state,
        channels: chat.channels,
        reason: chat.reason,
      },
      osc: { targets: engine.config.osc, sent: osc.sent, errors: osc.errors },
      store: { path: engine.deps.dataDir, ...store },
      panic: engine.processor.isPanic(),
    },
  };
}

const ACTIVE_USER_WINDOW_MS = 5 * 60_000;

export function metricsOf(engine: Engine): string {
  const { stats } = engine;
  const commands: { outcome: string; reason: string | null; count: number }[] = [
    { outcome: 'accepted', reason: null, count: stats.accepted },
  ];
  for (const [reason, count] of Object.entries(stats.byReason)) {
    if (count > 0) commands.push({ outcome: 'refused', reason, count });
  }
  return renderPrometheus({
    commands,
    latency: [
      latencyHistogram('process', engine.processLatency),
      latencyHistogram('twitch', engine.twitchLatency),
    ],
    activeUsers: engine.processor.activeUsers(ACTIVE_USER_WINDOW_MS),
    osc: engine.osc.stats(),
    chatConnected: engine.deps.chat.status().state === 'connected',
    memory: processMemory(),
    analytics: engine.deps.analytics.stats(),
  });
}
