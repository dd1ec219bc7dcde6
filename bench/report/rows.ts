// One row per subject and phase: the figures the terminal table and the Markdown summary both show, with
// every latency also as a ratio to the peer and to the floor on the same phase of the same run.
import { totalRefused } from '../analysis';
import type { PhaseResult, ScenarioResult, SubjectRun } from '../results';

export const COLUMNS = [
  'subject',
  'phase',
  'target/s',
  'sent/s',
  'deliv/s',
  'P50 ms',
  'P95 ms',
  'P99 ms',
  'max ms',
  'P99 ×peer',
  'P99 ×floor',
  'in-proc P99',
  'refused',
  'lost',
  'RSS MB',
  'CPU %',
] as const;

export type Row = Record<(typeof COLUMNS)[number], string>;

const f = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits);
const int = (v: number): string => Math.round(v).toLocaleString('en-US');

function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !(b > 0) || !(a > 0)) return '—';
  return `${(a / b).toFixed(2)}×`;
}

function peerPhase(s: ScenarioResult, subject: string, name: string): PhaseResult | undefined {
  return s.subjects
    .find((r) => r.subject === subject && r.error === null)
    ?.phases.find((p) => p.name === name);
}

function refusedText(p: PhaseResult): string {
  const n = totalRefused(p.refusedByReason);
  if (n === 0) return '0';
  return Object.entries(p.refusedByReason)
    .map(([reason, count]) => `${reason} ${int(count ?? 0)}`)
    .join(', ');
}

function inProcText(run: SubjectRun, p: PhaseResult): string {
  if (run.subject !== 'engine') return '—';
  // A one-phase scenario has the exact all-time HDR figure; otherwise the phase's Prometheus bucket bound.
  if (run.phases.filter((x) => x.rate > 0).length === 1 && run.inProcess) return f(run.inProcess.p99, 3);
  if (p.inProcessP99AtMostMs === null) return '—';
  return Number.isFinite(p.inProcessP99AtMostMs) ? `≤ ${p.inProcessP99AtMostMs}` : '> 10000';
}

export function scenarioRows(s: ScenarioResult): Row[] {
  const rows: Row[] = [];
  for (const run of s.subjects) {
    if (run.error !== null) {
      rows.push(
        Object.fromEntries(
          COLUMNS.map((c) => [c, c === 'subject' ? run.subject : c === 'phase' ? 'FAILED' : '']),
        ) as Row,
      );
      continue;
    }
    run.phases.forEach((p, i) => {
      const peer = peerPhase(s, 'peer', p.name);
      const floor = peerPhase(s, 'floor', p.name);
      const idle = p.rate === 0;
      rows.push({
        subject: run.subject,
        phase: p.name,
        'target/s': int(p.rate),
        'sent/s': idle ? '—' : int(p.sentRate),
        'deliv/s': idle ? '—' : int(p.deliveredRate),
        'P50 ms': idle ? '—' : f(p.latency.p50),
        'P95 ms': idle ? '—' : f(p.latency.p95),
        'P99 ms': idle ? '—' : f(p.latency.p99),
        'max ms': idle ? '—' : f(p.latency.max),
        'P99 ×peer': run.subject === 'peer' || idle ? '—' : ratio(p.latency.p99, peer?.latency.p99),
        'P99 ×floor': run.subject === 'floor' || idle ? '—' : ratio(p.latency.p99, floor?.latency.p99),
        'in-proc P99': idle ? '—' : inProcText(run, p),
        refused: run.subject === 'engine' ? refusedText(p) : '—',
        lost: i === run.phases.length - 1 ? int(run.totals.lost) : '',
        'RSS MB': f(p.rssMb, 1),
        'CPU %': f(p.cpuPct, 0),
      });
    });
  }
  return rows;
}

/** Plain-text table with aligned columns (numbers right, text left). */
export function textTable(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = columns.map((c) => rows.every((r) => /^[-\d.,×—≤> ]*$/.test(r[c] ?? '')));
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

/** GitHub Markdown table. */
export function markdownTable(columns: readonly string[], rows: readonly Record<string, string>[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${columns.map(esc).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => esc(r[c] ?? '')).join(' | ')} |`),
  ].join('\n');
}
