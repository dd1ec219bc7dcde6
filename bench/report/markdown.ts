// bench-results/LATEST.md: the run's targets with PASS/FAIL, the capacity report's figures beside ours (and
// the peer's and the floor's, measured in the same run), every scenario's table, the charts, the machine and
// the command that produced it all.
import type { BenchRun, ScenarioResult } from '../results';
import type { SubjectId } from '../subjects/subjects';
import { SUBJECT_LABELS } from '../subjects/subjects';
import type { ChartFile } from './charts';
import {
  COLUMNS,
  derivedLines,
  markdownTable,
  RATIO_COLUMNS,
  ratioRows,
  scenarioRows,
  TOTAL_COLUMNS,
  totalRows,
} from './rows';
import { judgeTargets, subjectRun, verdictText } from './targets';

type Getter = (s: ScenarioResult | undefined, id: SubjectId) => string;

const num = (v: unknown, digits = 2, unit = ''): string =>
  typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(digits)}${unit}` : '—';
const derived =
  (key: string, digits = 2, unit = ''): Getter =>
  (s, id) =>
    num(subjectRun(s, id)?.derived[key], digits, unit);
const rate =
  (key: string): Getter =>
  (s, id) => {
    const v = subjectRun(s, id)?.derived[key];
    return typeof v === 'number' ? `${v.toLocaleString('en-US')}/s` : '—';
  };

function errorRate(run: BenchRun, id: SubjectId): string {
  let sent = 0;
  let missing = 0;
  for (const s of run.scenarios) {
    if (s.name === 'stress') continue; // the stress ramp drives past capacity on purpose
    const r = subjectRun(s, id);
    if (!r) continue;
    sent += r.totals.sent;
    missing += r.totals.sent - r.totals.delivered;
  }
  return sent > 0 ? `${((missing / sent) * 100).toFixed(3)} %` : '—';
}

function capacityTable(run: BenchRun): string {
  const by = new Map(run.scenarios.map((s) => [s.name, s]));
  const rows: [string, string, string, Getter][] = [
    ['Average latency (1,000/s)', '6 ms', 'concurrency', derived('meanMs', 3, ' ms')],
    ['P95 latency (1,000/s)', '8 ms', 'concurrency', derived('p95Ms', 3, ' ms')],
    ['P99 latency (1,000/s)', '12 ms', 'concurrency', derived('p99Ms', 3, ' ms')],
    ['Throughput before P99 > 10 ms', '500 cmd/s', 'stress', rate('safeRate')],
    ['Memory (sustained run, peak RSS)', '150 MB', 'sustained', derived('rssPeakMb', 1, ' MB')],
    ['Burst: peak P95', '9.2 ms', 'burst', derived('burstP95Ms', 3, ' ms')],
    [
      'Burst: success rate',
      '99.8 %',
      'burst',
      (s, id) => num(((subjectRun(s, id)?.derived.burstSuccessRate as number) ?? NaN) * 100, 3, ' %'),
    ],
    ['Burst: recovery time', '< 5 s', 'burst', derived('recoveryS', 2, ' s')],
    ['Sustained: average latency', '6.1 ms', 'sustained', derived('meanMs', 3, ' ms')],
    [
      'Sustained: memory growth',
      '< 5 MB over 5 min',
      'sustained',
      (s, id) => {
        const run = subjectRun(s, id);
        const seconds = (run?.phases[0]?.durationMs ?? 0) / 1000;
        return `${derived('rssGrowthMb', 1, ' MB')(s, id)}${run ? ` over ${seconds} s` : ''}`;
      },
    ],
    [
      'High concurrency: average / P95',
      '7.8 / 11.2 ms',
      'concurrency',
      (s, id) => `${derived('meanMs', 3)(s, id)} / ${derived('p95Ms', 3)(s, id)} ms`,
    ],
    ['Stress: first rate that broke', '"2000+ users"', 'stress', rate('breakRate')],
    ['Stress: recovery after overload', '15 s', 'stress', derived('recoveryS', 2, ' s')],
    ['Memory per tracked user', '~50 KB', 'users-10k', derived('perUserKb', 2, ' KB')],
  ];
  const table = rows.map(([figure, theirs, scenario, get]) => ({
    Figure: figure,
    'Capacity report': theirs,
    'Ours: engine': get(by.get(scenario), 'engine'),
    Peer: get(by.get(scenario), 'peer'),
    Floor: get(by.get(scenario), 'floor'),
  }));
  table.push({
    Figure: 'Error rate (commands not delivered, all but stress)',
    'Capacity report': '0.1 %',
    'Ours: engine': errorRate(run, 'engine'),
    Peer: errorRate(run, 'peer'),
    Floor: errorRate(run, 'floor'),
  });
  table.push({
    Figure: 'Multi-instance coordination overhead',
    'Capacity report': '1.2 ms',
    'Ours: engine': 'skipped: team sync (Redis) not implemented yet',
    Peer: '—',
    Floor: '—',
  });
  return markdownTable(['Figure', 'Capacity report', 'Ours: engine', 'Peer', 'Floor'], table);
}

export function renderMarkdown(run: BenchRun, charts: readonly ChartFile[]): string {
  const m = run.machine;
  const out: string[] = [];
  out.push(
    '# Benchmark: latest results',
    '',
    `Produced by \`${run.command}\` on ${run.startedAt.slice(0, 19).replace('T', ' ')} UTC ` +
      `(${run.quick ? 'quick run: every scenario scaled down' : "full run: the capacity report's durations"}).`,
    '',
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb.toFixed(0)} GB RAM, ${m.platform}, Node ${m.node}, ` +
      `load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' / ')}. ` +
      `Engine from commit ${run.engineCommit ?? 'unknown'}. Load sender: ${run.senderMode}. ` +
      'Engine overload guard: ' +
      Object.entries(run.engineOverload)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') +
      '.',
    '',
    'Subjects, each a separate process started fresh for every scenario and measured one after another on the ' +
      'same load: ' +
      (['engine', 'peer', 'floor'] as const).map((id) => `**${id}** = ${SUBJECT_LABELS[id]}`).join('; ') +
      '. End-to-end latency runs from the fake Twitch server writing the frame to the UDP datagram being read ' +
      "(one clock); in-process latency is the engine's own arrival-to-send HDR histogram from `/api/state`. " +
      'This machine is shared with other work, so absolute figures drift from run to run; the ratios to the ' +
      'peer and the floor, measured minutes apart in the same run, are the steadier comparison. How it all ' +
      'works, the decisions behind it and its known limits: [bench/README.md](../bench/README.md).',
    '',
    '## Targets',
    '',
    markdownTable(
      ['Target', 'Measured', 'Verdict', 'Note'],
      judgeTargets(run).map((t) => ({
        Target: t.target,
        Measured: t.figure,
        Verdict: `**${verdictText(t.pass)}**`,
        Note: t.note ?? '',
      })),
    ),
    '',
    '## The capacity report beside this run',
    '',
    "The earlier system's report (`../shared/seed/000_3b28e63994e1268b.txt`) against the same scenarios here.",
    '',
    capacityTable(run),
    '',
    '## Charts',
    '',
    ...charts.flatMap((c) => [`![${c.title}](${c.file})`, '']),
    '## Scenarios',
    '',
  );
  for (const s of run.scenarios) {
    out.push(`### ${s.name}: ${s.title}`, '');
    if (s.skipped) {
      out.push(`Skipped: ${s.skipped}.`, '');
      continue;
    }
    out.push(s.description, '');
    const lines = derivedLines(s);
    if (lines.length) out.push(...lines.map((l) => `- **${l.subject}**: ${l.text}`), '');
    out.push(markdownTable(COLUMNS, scenarioRows(s)), '');
    const ratios = ratioRows(s);
    if (ratios.length)
      out.push('Engine as a ratio to the peer and the floor:', '', markdownTable(RATIO_COLUMNS, ratios), '');
    out.push(markdownTable(TOTAL_COLUMNS, totalRows(s)), '');
  }
  out.push(
    '## Reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench -- --quick            # about 3 minutes',
    "npm run bench                       # the capacity report's durations (about 40 minutes)",
    'npm run bench -- --scenario stress  # one scenario',
    '```',
    '',
    'Per-run JSON goes to `bench-results/<timestamp>.json` (not committed); this file and the charts are ' +
      'rewritten by every run.',
    '',
  );
  return out.join('\n');
}
