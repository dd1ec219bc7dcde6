// What /healthz and /metrics report, derived from the engine's live state.
import type { Engine } from './engine';
import { renderPrometheus } from '../metrics/prometheus';

export function healthOf(engine: Engine): { healthy: boolean; body: unknown } {
  const chat = engine.deps.chat.status();
  const osc = engine.osc.stats();
  const store = engine.deps.analytics.stats();
  const healthy = chat.state === 'connected' && !engine.isStopped();
  return {
    healthy,
    body: {
      status: healthy ? 'ok' : 'degraded',
      chat: { connected: chat.state === 'connected', state: chat.state, channels: chat.channels, reason: chat.reason },
      osc: { targets: engine.config.osc, sent: osc.sent, errors: osc.errors },
      store: { path: engine.deps.dataDir, ...store },
      panic: engine.processor.isPanic(),
    },
  };
}

export function metricsOf(engine: Engine): string {
  return renderPrometheus(engine);
}
