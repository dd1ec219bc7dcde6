import { afterEach, describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency';
import {
  commandsFromCounters,
  DEFAULT_LATENCY_BUCKETS_S,
  latencyHistogram,
  processMemory,
  renderPrometheus,
  type MetricsInput,
} from './prometheus';

// A small, strict reader of the text exposition format, independent of the renderer's helpers.
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const NUMBER = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/;

function parseNumber(s: string, line: string): number {
  if (!NUMBER.test(s)) throw new Error(`bad number "${s}" in: ${line}`);
  if (s === 'NaN') return Number.NaN;
  if (s.endsWith('Inf')) return s.startsWith('-') ? -Infinity : Infinity;
  return Number(s);
}

function parseLabels(body: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf('=', i);
    if (eq < 0) throw new Error(`label without = in: ${line}`);
    const name = body.slice(i, eq);
    if (!LABEL_NAME.test(name)) throw new Error(`bad label name "${name}" in: ${line}`);
    if (name in labels) throw new Error(`duplicate label "${name}" in: ${line}`);
    if (body[eq + 1] !== '"') throw new Error(`unquoted label value in: ${line}`);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = body[j];
      if (c === undefined) throw new Error(`unterminated label value in: ${line}`);
      if (c === '"') break;
      if (c === '\n') throw new Error(`raw line feed in label value: ${line}`);
      if (c === '\\') {
        const n = body[j + 1];
        if (n === '\\') value += '\\';
        else if (n === '"') value += '"';
        else if (n === 'n') value += '\n';
        else throw new Error(`bad escape \\${n} in: ${line}`);
        j += 2;
      } else {
        value += c;
        j += 1;
      }
    }
    labels[name] = value;
    i = j + 1;
    if (i < body.length) {
      if (body[i] !== ',') throw new Error(`expected , between labels in: ${line}`);
      i += 1;
    }
  }
  return labels;
}

function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a line feed');
  const families = new Map<string, Family>();
  let current: Family | null = null;
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ')) {
      const [, name = '', ...rest] = line.split(' ').slice(1);
      if (!METRIC_NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      if (families.has(name)) throw new Error(`family ${name} declared twice`);
      current = { name, type: '', help: rest.join(' '), samples: [] };
      families.set(name, current);
    } else if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (!current || current.name !== name) throw new Error(`TYPE without its HELP: ${line}`);
      if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type ?? ''))
        throw new Error(`bad type: ${line}`);
      current.type = type!;
    } else {
      const m = /^([^{\s]+)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`unparseable sample line: ${line}`);
      const [, name = '', body, value = ''] = m;
      if (!METRIC_NAME.test(name)) throw new Error(`bad metric name in: ${line}`);
      if (!current?.type) throw new Error(`sample before its TYPE: ${line}`);
      const base = current.type === 'histogram' ? name.replace(/_(bucket|sum|count)$/, '') : name;
      if (base !== current.name) throw new Error(`sample ${name} outside its family ${current.name}`);
      current.samples.push({
        name,
        labels: body ? parseLabels(body, line) : {},
        value: parseNumber(value, line),
      });
    }
  }
  return families;
}

/** Buckets per label set must rise with `le`, end at +Inf, and +Inf must equal _count. */
function checkHistogram(f: Family): void {
  const byStage = new Map<string, Sample[]>();
  for (const s of f.samples) {
    const key = JSON.stringify({ ...s.labels, le: undefined });
    byStage.set(key, [...(byStage.get(key) ?? []), s]);
  }
  for (const [key, samples] of byStage) {
    const buckets = samples.filter((s) => s.name.endsWith('_bucket'));
    let prevLe = -Infinity;
    let prevCount = 0;
    for (const b of buckets) {
      const le = parseNumber(b.labels.le ?? 'missing', key);
      expect(le, `le ascending for ${key}`).toBeGreaterThan(prevLe);
      expect(b.value, `cumulative for ${key}`).toBeGreaterThanOrEqual(prevCount);
      prevLe = le;
      prevCount = b.value;
    }
    expect(buckets.at(-1)?.labels.le).toBe('+Inf');
    const count = samples.find((s) => s.name.endsWith('_count'));
    expect(count?.value).toBe(prevCount);
    expect(samples.some((s) => s.name.endsWith('_sum'))).toBe(true);
  }
}

function baseInput(overrides: Partial<MetricsInput> = {}): MetricsInput {
  return {
    commands: [
      { outcome: 'refused', reason: 'cooldown', count: 7 },
      { outcome: 'accepted', reason: null, count: 120 },
      { outcome: 'refused', reason: 'rate_limited', count: 3 },
    ],
    latency: [],
    activeUsers: 42,
    osc: { sent: 118, errors: 2 },
    chatConnected: true,
    memory: { rssBytes: 80_000_000, heapUsedBytes: 20_000_000, heapTotalBytes: 30_000_000 },
    analytics: { pendingRows: 5, writtenRows: 125, errors: 0 },
    ...overrides,
  };
}

const recorders: LatencyRecorder[] = [];
afterEach(() => {
  for (const r of recorders.splice(0)) r.close();
});

describe('renderPrometheus', () => {
  it('produces valid exposition text with counters by outcome and reason', () => {
    const families = parseExposition(renderPrometheus(baseInput()));
    const commands = families.get('twitchcv_commands_total')!;
    expect(commands.type).toBe('counter');
    expect(commands.samples).toEqual([
      { name: 'twitchcv_commands_total', labels: { outcome: 'accepted' }, value: 120 },
      { name: 'twitchcv_commands_total', labels: { outcome: 'refused', reason: 'cooldown' }, value: 7 },
      { name: 'twitchcv_commands_total', labels: { outcome: 'refused', reason: 'rate_limited' }, value: 3 },
    ]);
    const value = (name: string) => families.get(name)?.samples[0]?.value;
    expect(value('twitchcv_active_users')).toBe(42);
    expect(value('twitchcv_osc_messages_sent_total')).toBe(118);
    expect(value('twitchcv_osc_send_errors_total')).toBe(2);
    expect(value('twitchcv_chat_connected')).toBe(1);
    expect(value('process_resident_memory_bytes')).toBe(80_000_000);
    expect(value('nodejs_heap_size_used_bytes')).toBe(20_000_000);
    expect(value('twitchcv_analytics_written_rows_total')).toBe(125);
    expect(families.get('twitchcv_chat_connected')?.type).toBe('gauge');
  });

  it('escapes label values so odd strings survive the round trip', () => {
    const reason = 'quote " backslash \\ newline \n end';
    const families = parseExposition(
      renderPrometheus(baseInput({ commands: [{ outcome: 'refused', reason, count: 1 }] })),
    );
    expect(families.get('twitchcv_commands_total')?.samples[0]?.labels.reason).toBe(reason);
  });

  it('renders latency histograms from a LatencyRecorder with cumulative buckets matching the data', () => {
    const proc = new LatencyRecorder({ autoRotate: false });
    const twitch = new LatencyRecorder({ autoRotate: false });
    recorders.push(proc, twitch);
    // 60 values at 40 µs, 30 at 300 µs, 9 at 1.5 ms, 1 at 20 ms.
    for (let i = 0; i < 60; i++) proc.record(40);
    for (let i = 0; i < 30; i++) proc.record(300);
    for (let i = 0; i < 9; i++) proc.record(1_500);
    proc.record(20_000);
    twitch.record(250_000);

    const text = renderPrometheus(
      baseInput({ latency: [latencyHistogram('process', proc), latencyHistogram('twitch', twitch)] }),
    );
    const families = parseExposition(text);
    const h = families.get('twitchcv_latency_seconds')!;
    expect(h.type).toBe('histogram');
    checkHistogram(h);

    const bucket = (stage: string, le: string) =>
      h.samples.find((s) => s.name.endsWith('_bucket') && s.labels.stage === stage && s.labels.le === le)
        ?.value;
    expect(bucket('process', '0.00005')).toBe(60);
    expect(bucket('process', '0.00025')).toBe(60);
    expect(bucket('process', '0.0005')).toBe(90);
    expect(bucket('process', '0.0025')).toBe(99);
    expect(bucket('process', '0.025')).toBe(100);
    expect(bucket('process', '+Inf')).toBe(100);
    expect(bucket('twitch', '0.1')).toBe(0);
    expect(bucket('twitch', '0.25')).toBe(1);
    const sum = h.samples.find(
      (s) => s.name === 'twitchcv_latency_seconds_sum' && s.labels.stage === 'process',
    );
    expect(sum?.value).toBeCloseTo((60 * 40 + 30 * 300 + 9 * 1_500 + 20_000) / 1e6, 9);
    expect(text).toContain('twitchcv_latency_seconds_bucket{stage="process",le="0.0001"} 60\n');
    expect(h.samples.filter((s) => s.labels.stage === 'process')).toHaveLength(
      DEFAULT_LATENCY_BUCKETS_S.length + 3,
    );
  });

  it('keeps a drifting input a valid histogram and refuses mismatched bounds', () => {
    const text = renderPrometheus(
      baseInput({
        latency: [{ stage: 'x', bounds: [0.001, 0.01, 0.1], cumulative: [5, 3, 50], count: 10, sum: 0.2 }],
      }),
    );
    checkHistogram(parseExposition(text).get('twitchcv_latency_seconds')!);
    expect(() =>
      renderPrometheus(
        baseInput({ latency: [{ stage: 'y', bounds: [1, 2], cumulative: [1], count: 1, sum: 1 }] }),
      ),
    ).toThrow(/histogram "y": 2 bounds but 1 cumulative counts/);
  });

  it('writes special values in Prometheus spelling and omits the analytics block when absent', () => {
    const text = renderPrometheus(
      baseInput({ activeUsers: Number.NaN, osc: { sent: Infinity, errors: 0 }, analytics: undefined }),
    );
    const families = parseExposition(text);
    expect(text).toContain('twitchcv_active_users NaN\n');
    expect(text).toContain('twitchcv_osc_messages_sent_total +Inf\n');
    expect(families.has('twitchcv_analytics_pending_rows')).toBe(false);
  });

  it('turns the engine snapshot counters into command rows', () => {
    const commands = commandsFromCounters({ accepted: 10, byReason: { cooldown: 2, panic: 1 } });
    const families = parseExposition(renderPrometheus(baseInput({ commands })));
    expect(
      families.get('twitchcv_commands_total')?.samples.map((s) => [s.labels.reason ?? '-', s.value]),
    ).toEqual([
      ['-', 10],
      ['cooldown', 2],
      ['panic', 1],
    ]);
  });

  it('reads real process memory', () => {
    const m = processMemory();
    expect(m.rssBytes).toBeGreaterThan(1_000_000);
    expect(m.heapUsedBytes).toBeGreaterThan(0);
    expect(m.heapTotalBytes).toBeGreaterThanOrEqual(m.heapUsedBytes);
  });
});
