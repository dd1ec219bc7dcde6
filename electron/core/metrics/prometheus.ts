// Prometheus text exposition format (version 0.0.4) for GET /metrics. The input is a plain object, so the
// renderer has no idea where numbers come from and tests can feed it anything.
// Format reference: https://prometheus.io/docs/instrumenting/exposition_formats/
import type { EngineStateSnapshot } from '../../../shared/domain';
import type { LatencyRecorder } from './latency';

/** One latency histogram, already cumulative (see `latencyHistogram`). Units: seconds. */
export interface HistogramInput {
  /** Value of the `stage` label (`process`, `twitch`...). */
  stage: string;
  /** Upper bounds in seconds, ascending. `+Inf` is implied and must not be listed. */
  bounds: readonly number[];
  /** Cumulative counts, one per bound (observations <= bound). */
  cumulative: readonly number[];
  count: number;
  sum: number;
}

export interface MetricsInput {
  /** Commands by outcome and reason; `reason` is null for accepted commands. */
  commands: readonly { outcome: string; reason: string | null; count: number }[];
  latency: readonly HistogramInput[];
  activeUsers: number;
  osc: { sent: number; errors: number };
  chatConnected: boolean;
  memory: { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number };
  /** The analytics store's queue, when there is one. */
  analytics?: { pendingRows: number; writtenRows: number; errors: number } | undefined;
}

/** 50 µs to 10 s: the hot path lives at the bottom, Twitch's own delivery near the middle. */
export const DEFAULT_LATENCY_BUCKETS_S: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** A recorder's all-time histogram in Prometheus terms (a scrape-time cost, not a hot-path one). */
export function latencyHistogram(
  stage: string,
  recorder: LatencyRecorder,
  boundsSeconds: readonly number[] = DEFAULT_LATENCY_BUCKETS_S,
): HistogramInput {
  const b = recorder.cumulativeBuckets(boundsSeconds.map((s) => Math.round(s * 1_000_000)));
  return { stage, bounds: boundsSeconds, cumulative: b.counts, count: b.count, sum: b.sumUs / 1_000_000 };
}

/** The engine's snapshot counters as `commands` rows: accepted, then one row per refusal reason. */
export function commandsFromCounters(
  counters: Pick<EngineStateSnapshot['counters'], 'accepted' | 'byReason'>,
): MetricsInput['commands'] {
  const rows: { outcome: string; reason: string | null; count: number }[] = [
    { outcome: 'accepted', reason: null, count: counters.accepted },
  ];
  for (const [reason, count] of Object.entries(counters.byReason)) {
    if (count !== undefined) rows.push({ outcome: 'refused', reason, count });
  }
  return rows;
}

/** RSS and heap of this process, for the `memory` field. */
export function processMemory(): MetricsInput['memory'] {
  const m = process.memoryUsage();
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal };
}

type Labels = Readonly<Record<string, string>>;

class Exposition {
  private readonly lines: string[] = [];

  family(name: string, type: 'counter' | 'gauge' | 'histogram', help: string): this {
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} ${type}`);
    return this;
  }

  sample(name: string, value: number, labels: Labels = {}): this {
    this.lines.push(`${name}${formatLabels(labels)} ${formatValue(value)}`);
    return this;
  }

  toString(): string {
    // The format requires a trailing line feed.
    return this.lines.join('\n') + '\n';
  }
}

export function renderPrometheus(input: MetricsInput): string {
  const out = new Exposition();

  out.family('twitchcv_commands_total', 'counter', 'Chat commands handled, by outcome and refusal reason.');
  const commands = [...input.commands].sort(
    (a, b) => a.outcome.localeCompare(b.outcome) || (a.reason ?? '').localeCompare(b.reason ?? ''),
  );
  for (const c of commands) {
    const labels: Record<string, string> = { outcome: c.outcome };
    if (c.reason !== null) labels.reason = c.reason;
    out.sample('twitchcv_commands_total', c.count, labels);
  }

  out.family(
    'twitchcv_latency_seconds',
    'histogram',
    'Latency by stage: process = chat line arrival to UDP send; twitch = tmi-sent-ts to arrival.',
  );
  for (const h of input.latency) writeHistogram(out, 'twitchcv_latency_seconds', h);

  out
    .family('twitchcv_active_users', 'gauge', 'Chatters seen recently (tracked by the rate limiter).')
    .sample('twitchcv_active_users', input.activeUsers)
    .family('twitchcv_osc_messages_sent_total', 'counter', 'OSC datagrams sent to all targets.')
    .sample('twitchcv_osc_messages_sent_total', input.osc.sent)
    .family('twitchcv_osc_send_errors_total', 'counter', 'OSC datagrams that failed to send.')
    .sample('twitchcv_osc_send_errors_total', input.osc.errors)
    .family('twitchcv_chat_connected', 'gauge', '1 when connected to Twitch chat, else 0.')
    .sample('twitchcv_chat_connected', input.chatConnected ? 1 : 0);

  if (input.analytics) {
    out
      .family('twitchcv_analytics_pending_rows', 'gauge', 'Analytics rows recorded but not yet on disk.')
      .sample('twitchcv_analytics_pending_rows', input.analytics.pendingRows)
      .family('twitchcv_analytics_written_rows_total', 'counter', 'Analytics rows committed to SQLite.')
      .sample('twitchcv_analytics_written_rows_total', input.analytics.writtenRows)
      .family('twitchcv_analytics_write_errors_total', 'counter', 'Failed analytics writes (retried).')
      .sample('twitchcv_analytics_write_errors_total', input.analytics.errors);
  }

  // Names shared with the official Node client, so stock dashboards pick them up.
  out
    .family('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.')
    .sample('process_resident_memory_bytes', input.memory.rssBytes)
    .family('nodejs_heap_size_used_bytes', 'gauge', 'V8 heap used in bytes.')
    .sample('nodejs_heap_size_used_bytes', input.memory.heapUsedBytes)
    .family('nodejs_heap_size_total_bytes', 'gauge', 'V8 heap size in bytes.')
    .sample('nodejs_heap_size_total_bytes', input.memory.heapTotalBytes);

  return out.toString();
}

function writeHistogram(out: Exposition, name: string, h: HistogramInput): void {
  if (h.bounds.length !== h.cumulative.length) {
    throw new RangeError(
      `histogram "${h.stage}": ${h.bounds.length} bounds but ${h.cumulative.length} cumulative counts`,
    );
  }
  // Clamp so the output stays a valid histogram even if the input drifted (buckets must never decrease
  // and never exceed the total).
  let running = 0;
  h.bounds.forEach((bound, i) => {
    running = Math.min(Math.max(running, h.cumulative[i]!), h.count);
    out.sample(`${name}_bucket`, running, { stage: h.stage, le: formatValue(bound) });
  });
  out.sample(`${name}_bucket`, h.count, { stage: h.stage, le: '+Inf' });
  out.sample(`${name}_sum`, h.sum, { stage: h.stage });
  out.sample(`${name}_count`, h.count, { stage: h.stage });
}

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return '{' + keys.map((k) => `${k}="${escapeLabelValue(labels[k]!)}"`).join(',') + '}';
}

/** Label values escape backslash, double quote and line feed. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed (quotes are literal there). */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}
