// The tables the terminal and the Markdown summary both show: one row per subject and phase with the
// figures; one row per engine phase with every figure as a ratio to the peer and to the floor on the same
// phase of the same run; one line per subject with the run's totals.
import { totalRefused } from '../analysis';
import type { PhaseResult, ScenarioResult, SubjectRun } from '../results';

export const COLUMNS = [
  'subject',
  'phase',
  'target/s',
  'sent/s',
  'held back',
  'deliv/s',
  'P50 ms',
  'P95 ms',
  'P99 ms',
  'max ms',
  'in-proc P99',
  'queue P99',
  'refused',
  'RSS MB',
  'CPU %',
] as const;

export const RATIO_COLUMNS = [
  'phase',
  'P50 ×peer',
  'P50 ×floor',
  'P95 ×peer',
  'P95 ×floor',
  'P99 ×peer',
  'P99 ×floor',
  'max ×peer',
  'max ×floor',
  'deliv/s ×peer',
  'CPU ×peer',
  'CPU ×floor',
  'RSS ×peer',
  'RSS ×floor',
] as const;

export const TOTAL_COLUMNS = [
  'subject',
  'sent',
  'delivered',
  'lost',
  'of which UDP rcvbuf drops',
  'refused',
  'error rate',
  'drain ms',
  'exit',
] as const;

type Row<C extends readonly string[]> = Record<C[number], string>;

const f = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
const int = (v: number): string => Math.round(v).toLocaleString('en-US');

export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || b === null || b === undefined || !(b > 0) || !(a >= 0)) return '—';
  return `${(a / b).toFixed(2)}×`;
}

function ok(s: ScenarioResult, subject: string): SubjectRun | undefined {
  return s.subjects.find((r) => r.subject === subject && r.error === null);
}

function refusedText(byReason: PhaseResult['refusedByReason']): string {
  if (totalRefused(byReason) === 0) return '0';
  return Object.entries(byReason)
    .map(([reason, count]) => `${reason} ${int(count ?? 0)}`)
    .join(', ');
}

function inProcText(run: SubjectRun, p: PhaseResult): string {
  if (run.subject !== 'engine') return '—';
  // A one-phase scenario has the exact all-time HDR figure; otherwise the phase's Prometheus bucket bound.
  if (run.phases.filter((x) => x.rate > 0).length === 1 && run.inProcess) return f(run.inProcess.p99, 3);
  return bound(p.inProcessP99AtMostMs);
}

/** A Prometheus bucket bound as "at most" text. */
function bound(ms: number | null): string {
  if (ms === null) return '—';
  return Number.isFinite(ms) ? `≤ ${ms}` : '> 10000';
}

export function scenarioRows(s: ScenarioResult): Row<typeof COLUMNS>[] {
  const rows: Row<typeof COLUMNS>[] = [];
  for (const run of s.subjects) {
    if (run.error !== null) {
      rows.push(
        Object.fromEntries(
          COLUMNS.map((c) => [c, c === 'subject' ? run.subject : c === 'phase' ? 'FAILED' : '']),
        ) as Row<typeof COLUMNS>,
      );
      continue;
    }
    for (const p of run.phases) {
      const idle = p.rate === 0;
      const lat = (v: number): string => (idle ? '—' : f(v));
      rows.push({
        subject: run.subject,
        phase: p.name,
        'target/s': int(p.rate),
        'sent/s': idle ? '—' : int(p.sentRate),
        'held back': idle ? '—' : int(p.heldBack ?? 0),
        'deliv/s': idle ? '—' : int(p.deliveredRate),
        'P50 ms': lat(p.latency.p50),
        'P95 ms': lat(p.latency.p95),
        'P99 ms': lat(p.latency.p99),
        'max ms': lat(p.latency.max),
        'in-proc P99': idle ? '—' : inProcText(run, p),
        'queue P99': idle || run.subject !== 'engine' ? '—' : bound(p.queueP99AtMostMs),
        refused: run.subject === 'engine' ? refusedText(p.refusedByReason) : '—',
        'RSS MB': f(p.rssMb, 1),
        'CPU %': f(p.cpuPct, 0),
      });
    }
  }
  return rows;
}

/** The engine's figures divided by the peer's and the floor's, phase by phase (matched by name). */
export function ratioRows(s: ScenarioResult): Row<typeof RATIO_COLUMNS>[] {
  const engine = ok(s, 'engine');
  if (!engine) return [];
  const peer = ok(s, 'peer');
  const floor = ok(s, 'floor');
  return engine.phases
    .filter((p) => p.rate > 0)
    .map((e) => {
      const pp = peer?.phases.find((x) => x.name === e.name);
      const fp = floor?.phases.find((x) => x.name === e.name);
      return {
        phase: e.name,
        'P50 ×peer': ratio(e.latency.p50, pp?.latency.p50),
        'P50 ×floor': ratio(e.latency.p50, fp?.latency.p50),
        'P95 ×peer': ratio(e.latency.p95, pp?.latency.p95),
        'P95 ×floor': ratio(e.latency.p95, fp?.latency.p95),
        'P99 ×peer': ratio(e.latency.p99, pp?.latency.p99),
        'P99 ×floor': ratio(e.latency.p99, fp?.latency.p99),
        'max ×peer': ratio(e.latency.max, pp?.latency.max),
        'max ×floor': ratio(e.latency.max, fp?.latency.max),
        'deliv/s ×peer': ratio(e.deliveredRate, pp?.deliveredRate),
        'CPU ×peer': ratio(e.cpuPct, pp?.cpuPct),
        'CPU ×floor': ratio(e.cpuPct, fp?.cpuPct),
        'RSS ×peer': ratio(e.rssMb, pp?.rssMb),
        'RSS ×floor': ratio(e.rssMb, fp?.rssMb),
      };
    });
}

export function totalRows(s: ScenarioResult): Row<typeof TOTAL_COLUMNS>[] {
  return s.subjects.map((r) => ({
    subject: r.subject,
    sent: r.error ? '—' : int(r.totals.sent),
    delivered: r.error ? '—' : int(r.totals.delivered),
    lost: r.error ? '—' : int(r.totals.lost),
    'of which UDP rcvbuf drops':
      r.error || r.totals.udpReceiveDrops === null || r.totals.udpReceiveDrops === undefined
        ? '—'
        : int(Math.min(r.totals.lost, r.totals.udpReceiveDrops)),
    refused: r.error ? '—' : r.subject === 'engine' ? refusedText(r.totals.refusedByReason) : '—',
    'error rate': r.error ? '—' : `${(r.totals.errorRate * 100).toFixed(3)} %`,
    'drain ms': r.error ? '—' : int(r.totals.drainMs),
    exit: r.error ? `FAILED: ${r.error.split('\n')[0]}` : String(r.exitCode ?? '—'),
  }));
}

/** Plain-text table with aligned columns (numbers right, text left). */
export function textTable(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = columns.map((c) => rows.every((r) => /^[-\d.,×—≤>% ]*$/.test(r[c] ?? '')));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    line([...columns]),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c] ?? ''))),
  ].join('\n');
}

/** Each subject's scenario-specific figures (recovery time, growth, breaking point...) as one line. */
export function derivedLines(s: ScenarioResult): { subject: string; text: string }[] {
  const lines: { subject: string; text: string }[] = [];
  for (const r of s.subjects) {
    const entries = Object.entries(r.derived).filter(([, v]) => v !== null);
    if (r.error) lines.push({ subject: r.subject, text: `failed — ${r.error.split('\n')[0]}` });
    else if (entries.length)
      lines.push({
        subject: r.subject,
        text: entries
          .map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
          .join(', '),
      });
  }
  return lines;
}

/** All three tables of a scenario and its derived figures as terminal text. */
export function scenarioText(s: ScenarioResult): string {
  const parts = [textTable(COLUMNS, scenarioRows(s))];
  const derived = derivedLines(s);
  if (derived.length) parts.push(derived.map((l) => `${l.subject}: ${l.text}`).join('\n'));
  const ratios = ratioRows(s);
  if (ratios.length)
    parts.push(`engine as a ratio to the peer and the floor:\n${textTable(RATIO_COLUMNS, ratios)}`);
  parts.push(textTable(TOTAL_COLUMNS, totalRows(s)));
  return parts.join('\n\n');
}

/** GitHub Markdown table. */
export function markdownTable(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => esc(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
}
