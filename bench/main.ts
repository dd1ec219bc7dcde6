// `npm run bench`: every scenario, each subject one after another on the same load, then the table, the
// targets, bench-results/<timestamp>.json, bench-results/LATEST.md and the charts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../shared/config';
import { BenchUsageError, parseBenchArgs, USAGE } from './args';
import type { BenchRun, EngineOverload, ScenarioResult } from './results';
import { runSubject } from './runner';
import { SCENARIOS } from './scenarios/catalog';
import { buildCharts } from './report/charts';
import { engineCommit, machineInfo } from './report/machine';
import { renderMarkdown } from './report/markdown';
import { scenarioText, textTable } from './report/rows';
import { judgeTargets, verdictText } from './report/targets';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A safety net on top of every phase being bounded: no run may outlive this. */
const HARD_LIMIT_MS = { quick: 8 * 60_000, full: 120 * 60_000 };

function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

function shippedOverload(): EngineOverload {
  const parsed = parseConfig({ variables: [{ name: 'x', address: '/x' }] });
  if (!parsed.ok) throw new Error('the config schema rejected a minimal config');
  return parsed.config.overload;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (err) {
    if (err instanceof BenchUsageError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.list) {
    for (const s of SCENARIOS)
      console.log(`${s.name.padEnd(16)} ${s.title}${s.skipped ? ` (skipped: ${s.skipped})` : ''}`);
    return 0;
  }
  const unknown = (args.scenarios ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) {
    console.error(
      `unknown scenario: ${unknown.join(', ')}; one of: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
    return 2;
  }
  if (args.fromJson) {
    const earlier = JSON.parse(readFileSync(args.fromJson, 'utf8')) as BenchRun;
    // Derived figures are recomputed, so an older run's JSON renders with today's analysis.
    for (const s of earlier.scenarios) {
      const def = SCENARIOS.find((d) => d.name === s.name);
      if (def?.analyze)
        for (const r of s.subjects) if (r.error === null) r.derived = def.analyze(r, earlier.quick);
    }
    for (const s of earlier.scenarios) if (!s.skipped) console.log(`\n== ${s.name}\n${scenarioText(s)}`);
    writeOutputs(earlier, path.resolve(REPO_ROOT, args.outDir), false);
    return 0;
  }
  const chosen = SCENARIOS.filter((s) => !args.scenarios || args.scenarios.includes(s.name));
  const overload: EngineOverload = {
    ...shippedOverload(),
    ...(args.maxLagMs !== null && { maxLagMs: args.maxLagMs }),
    ...(args.targetLagMs !== null && { targetLagMs: args.targetLagMs }),
  };
  const hardLimit = setTimeout(
    () => {
      console.error('bench: hard time limit reached, stopping');
      process.exit(3);
    },
    args.quick ? HARD_LIMIT_MS.quick : HARD_LIMIT_MS.full,
  );
  hardLimit.unref();

  const run: BenchRun = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    quick: args.quick,
    senderMode: args.sender,
    machine: machineInfo(),
    engineCommit: engineCommit(REPO_ROOT),
    engineOverload: overload,
    scenarios: [],
  };
  log(
    `bench: ${chosen.map((s) => s.name).join(', ')} (${args.quick ? 'quick' : 'full durations'}), ` +
      `sender ${args.sender}, ${run.machine.cpus} cores, Node ${run.machine.node}`,
  );
  for (const scenario of chosen) {
    const result: ScenarioResult = {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description(args.quick),
      skipped: scenario.skipped ?? null,
      subjects: [],
    };
    run.scenarios.push(result);
    if (scenario.skipped) {
      log(`${scenario.name}: skipped: ${scenario.skipped}`);
      continue;
    }
    log(`== ${scenario.name}: ${scenario.title}`);
    for (const id of scenario.subjects.filter((x) => !args.subjects || args.subjects.includes(x))) {
      result.subjects.push(
        await runSubject(scenario, id, {
          quick: args.quick,
          repoRoot: REPO_ROOT,
          senderMode: args.sender,
          engineOverload: overload,
          log,
        }),
      );
    }
    console.log(`\n${scenarioText(result)}\n`);
  }
  run.finishedAt = new Date().toISOString();
  // Other people commit to the engine while a long run goes: say so rather than attribute it to one commit.
  const endCommit = engineCommit(REPO_ROOT);
  if (endCommit !== run.engineCommit)
    run.engineCommit = `${run.engineCommit} → ${endCommit} (changed during the run)`;
  writeOutputs(run, path.resolve(REPO_ROOT, args.outDir), true);
  const failedSubjects = run.scenarios.flatMap((s) => s.subjects).filter((r) => r.error !== null);
  return failedSubjects.length > 0 ? 1 : 0;
}

/** The targets table on the terminal, then the JSON (for a fresh run), the charts and LATEST.md. */
function writeOutputs(run: BenchRun, outDir: string, writeJson: boolean): void {
  const targets = judgeTargets(run);
  console.log('\nTargets');
  console.log(
    textTable(
      ['verdict', 'target', 'measured', 'note'],
      targets.map((t) => ({
        verdict: verdictText(t.pass),
        target: t.target,
        measured: t.figure,
        note: t.note ?? '',
      })),
    ),
  );
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  if (writeJson) {
    const jsonPath = path.join(outDir, `${run.startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(jsonPath, JSON.stringify(run, null, 1));
    written.push(path.relative(REPO_ROOT, jsonPath));
  }
  const charts = buildCharts(run);
  for (const c of charts) writeFileSync(path.join(outDir, c.file), c.svg);
  writeFileSync(path.join(outDir, 'LATEST.md'), renderMarkdown(run, charts));
  written.push(`${path.relative(REPO_ROOT, outDir)}/LATEST.md`, `${charts.length} charts`);
  console.log(`\nwrote ${written.join(', ')}`);
}
