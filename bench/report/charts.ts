// The charts of a run: latency percentiles over time per scenario, and latency against load (the stress ramp
// and the fixed points). Written as SVG next to LATEST.md; file names are stable so the summary links them.
import type { BenchRun, ScenarioResult, SubjectRun } from '../results';
import { lineChart, type ChartSeries } from './svg';

const COLORS = { engine: '#1f77b4', peer: '#ff7f0e', floor: '#2ca02c' } as const;

export interface ChartFile {
  file: string;
  title: string;
  svg: string;
}

const ok = (s: ScenarioResult, id: keyof typeof COLORS): SubjectRun | undefined =>
  s.subjects.find((r) => r.subject === id && r.error === null);

function overTime(s: ScenarioResult): ChartFile | null {
  const engine = ok(s, 'engine');
  if (!engine) return null;
  const pts = (run: SubjectRun, pick: (l: SubjectRun['series'][number]['latency']) => number) =>
    run.series.filter((w) => w.delivered > 0).map((w) => [w.t, pick(w.latency)] as const);
  const series: ChartSeries[] = [
    { name: 'engine P50', color: COLORS.engine, points: pts(engine, (l) => l.p50), dashed: true },
    { name: 'engine P95', color: '#6baed6', points: pts(engine, (l) => l.p95) },
    { name: 'engine P99', color: COLORS.engine, points: pts(engine, (l) => l.p99) },
  ];
  for (const id of ['peer', 'floor'] as const) {
    const r = ok(s, id);
    // Only on a shared time axis: the stress ramp ends at a different step for each subject.
    if (r && sameTimeline(engine, r))
      series.push({ name: `${id} P99`, color: COLORS[id], points: pts(r, (l) => l.p99) });
  }
  const title = `${s.name}: end-to-end latency over time (${engine.windowMs} ms windows, by send time)`;
  return {
    file: `latency-over-time-${s.name}.svg`,
    title,
    svg: lineChart({
      title,
      xLabel: 'seconds since the warm-up ended',
      yLabel: 'latency, ms (log)',
      yLog: true,
      series,
      vLines: engine.phases.map((p) => ({ x: p.startS, label: p.name })),
      hLines: [{ y: 10, label: '10 ms' }],
    }),
  };
}

/** Same phases starting within half a second of each other. */
function sameTimeline(a: SubjectRun, b: SubjectRun): boolean {
  return (
    a.phases.length === b.phases.length &&
    a.phases.every((p, i) => p.name === b.phases[i]!.name && Math.abs(p.startS - b.phases[i]!.startS) < 0.5)
  );
}

function againstLoad(run: BenchRun): ChartFile | null {
  const series: ChartSeries[] = [];
  const stress = run.scenarios.find((s) => s.name === 'stress');
  for (const id of ['engine', 'peer', 'floor'] as const) {
    // One point per stress rate: the last try decides (a retried step's second run).
    const byRate = new Map<number, [number, number]>();
    for (const p of ok(stress ?? EMPTY, id)?.phases ?? [])
      if (p.name.startsWith('step') && p.delivered > 0) byRate.set(p.rate, [p.sentRate, p.latency.p99]);
    const points = [...byRate.values()].sort((a, b) => a[0] - b[0]);
    if (points.length) series.push({ name: `${id}: stress steps`, color: COLORS[id], points, markers: true });
    const fixed: [number, number][] = [];
    for (const s of run.scenarios.filter((x) => x.name.startsWith('fixed-'))) {
      const p = ok(s, id)?.phases[0];
      if (p && p.delivered > 0) fixed.push([p.sentRate, p.latency.p99]);
    }
    if (fixed.length)
      series.push({ name: `${id}: fixed points`, color: COLORS[id], points: fixed, noLine: true });
  }
  if (series.length === 0) return null;
  const title = 'End-to-end P99 against load';
  return {
    file: 'latency-vs-load.svg',
    title,
    svg: lineChart({
      title,
      xLabel: 'commands/s sent (log)',
      yLabel: 'P99 of delivered commands, ms (log)',
      xLog: true,
      yLog: true,
      series,
      hLines: [{ y: 10, label: '10 ms' }],
    }),
  };
}

const EMPTY: ScenarioResult = { name: '', title: '', description: '', skipped: null, subjects: [] };

export function buildCharts(run: BenchRun): ChartFile[] {
  const charts: ChartFile[] = [];
  const load = againstLoad(run);
  if (load) charts.push(load);
  for (const s of run.scenarios) {
    if (s.skipped || !['burst', 'sustained', 'concurrency', 'stress'].includes(s.name)) continue;
    const c = overTime(s);
    if (c) charts.push(c);
  }
  return charts;
}
