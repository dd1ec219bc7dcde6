// Issue 2's and issue 4's targets, judged from one run's results. A target whose figure could not be measured
// (scenario not run, subject failed) is reported as "n/a", never as a pass.
import { DRIVER_STALL_MS, P99_LIMIT_MS } from '../analysis';
import type { BenchRun, PhaseResult, ScenarioResult, SubjectRun } from '../results';
import type { SubjectId } from '../subjects/subjects';

export interface TargetVerdict {
  target: string;
  figure: string;
  pass: boolean | null;
  note?: string;
}

export function subjectRun(s: ScenarioResult | undefined, id: SubjectId): SubjectRun | undefined {
  return s?.subjects.find((r) => r.subject === id && r.error === null);
}

export function mainPhase(run: SubjectRun | undefined): PhaseResult | undefined {
  return run?.phases[0];
}

const ms = (v: number): string => `${v.toFixed(3)} ms`;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function judgeTargets(run: BenchRun): TargetVerdict[] {
  const byName = new Map(run.scenarios.map((s) => [s.name, s]));
  const out: TargetVerdict[] = [];
  for (const [name, label] of [
    ['fixed-2k', '2,000/s'],
    ['fixed-10k', '10,000/s'],
  ] as const) {
    const s = byName.get(name);
    const engine = subjectRun(s, 'engine');
    const peer = subjectRun(s, 'peer');
    const inProc = engine?.inProcess?.p99;
    out.push(
      inProc === undefined
        ? { target: `P99 arrival-to-send < 0.3 ms at ${label}`, figure: 'n/a', pass: null }
        : { target: `P99 arrival-to-send < 0.3 ms at ${label}`, figure: ms(inProc), pass: inProc < 0.3 },
    );
    const e = mainPhase(engine)?.latency.p99;
    const p = mainPhase(peer)?.latency.p99;
    out.push(
      e === undefined || p === undefined || p <= 0
        ? { target: `end-to-end P99 ≤ 1.2× the peer's at ${label}`, figure: 'n/a', pass: null }
        : {
            target: `end-to-end P99 ≤ 1.2× the peer's at ${label}`,
            figure: `${ms(e)} vs ${ms(p)} = ${(e / p).toFixed(2)}×`,
            pass: e / p <= 1.2,
          },
    );
  }
  const stress = subjectRun(byName.get('stress'), 'engine');
  const safe = num(stress?.derived.safeRate);
  out.push({
    target: `≥ 40,000 commands/s before P99 passes ${P99_LIMIT_MS} ms`,
    figure: stress ? `${safe === null ? 'none' : safe.toLocaleString('en-US')}/s` : 'n/a',
    pass: stress ? safe !== null && safe >= 40_000 : null,
    note: stress?.derived.breakWhy
      ? `broke at ${num(stress.derived.breakRate)?.toLocaleString('en-US')}/s: ${stress.derived.breakWhy}`
      : undefined,
  });
  const users = subjectRun(byName.get('users-10k'), 'engine');
  const rss10k = num(users?.derived.rss10kMb);
  out.push({
    target: 'RSS < 150 MB with 10,000 tracked users',
    figure: rss10k === null ? 'n/a' : `${rss10k.toFixed(1)} MB (${users?.activeUsers ?? '?'} active users)`,
    pass: rss10k === null ? null : rss10k < 150 && (users?.activeUsers ?? 0) >= 10_000,
  });
  const sustained = subjectRun(byName.get('sustained'), 'engine');
  const growth = num(sustained?.derived.rssGrowthMb);
  out.push({
    target: 'RSS growth ≤ 5 MB over the sustained run',
    figure: growth === null ? 'n/a' : `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`,
    // Seconds after start-up the heap is still sizing itself: too short a run cannot tell growth from that.
    pass: growth === null || sustainedSeconds(sustained) < MIN_GROWTH_RUN_S ? null : growth <= 5,
    note: [sustainedNote(sustained), secondHalfNote(sustained)].filter(Boolean).join('; ') || undefined,
  });
  const engineRuns = run.scenarios.flatMap((s) =>
    s.subjects.filter((r) => r.subject === 'engine').map((r) => [s.name, r] as const),
  );
  const failed = engineRuns.filter(([, r]) => r.error !== null);
  const lost = engineRuns.filter(([, r]) => r.error === null && r.totals.lost > 0);
  out.push({
    target: 'zero accepted commands lost in every scenario',
    figure:
      engineRuns.length === 0
        ? 'n/a'
        : lost.length === 0
          ? `0 lost in ${engineRuns.length - failed.length} scenarios`
          : lost.map(([n, r]) => `${n}: ${r.totals.lost}`).join(', '),
    pass: engineRuns.length === 0 || failed.length === engineRuns.length ? null : lost.length === 0,
    note: failed.length ? `not measured (engine failed): ${failed.map(([n]) => n).join(', ')}` : undefined,
  });
  // Issue 4, "Overload must be graceful": judged on the step past the breaking point and the recovery.
  if (stress && num(stress.derived.breakRate) !== null) {
    // A stalled load driver (its own GC or CPU) makes the step past the break measure the rig, not the engine.
    const stall = num(stress.derived.beyondDriverStallMs);
    const rigNote =
      stall !== null && stall > DRIVER_STALL_MS
        ? `not judged: the load driver itself stalled for ${stall.toFixed(0)} ms in that step`
        : null;
    const beyondP99 = num(stress.derived.beyondP99Ms);
    const steadyP99 = num(stress.derived.beyondSteadyP99Ms);
    const modsP99 = num(stress.derived.beyondSteadyModeratorsP99Ms);
    out.push({
      target: `past capacity: P99 of accepted commands < ${P99_LIMIT_MS} ms`,
      figure:
        steadyP99 === null
          ? 'n/a'
          : `${steadyP99.toFixed(2)} ms at ${num(stress.derived.beyondRate)?.toLocaleString('en-US')}/s (steady state)`,
      pass: steadyP99 === null || rigNote ? null : steadyP99 < P99_LIMIT_MS,
      note:
        rigNote ??
        (beyondP99 === null
          ? undefined
          : `whole step including its first quarter (the guard's reaction time): ${beyondP99.toFixed(2)} ms` +
            (modsP99 === null ? '' : `; moderators' commands alone (shed last): ${modsP99.toFixed(2)} ms`)),
    });
    const mods = num(stress.derived.beyondModeratorsDelivered);
    const viewers = num(stress.derived.beyondViewersDelivered);
    out.push({
      target: 'past capacity: moderators shed last',
      figure:
        mods === null || viewers === null
          ? 'n/a'
          : `moderators ${(mods * 100).toFixed(1)} % delivered, viewers ${(viewers * 100).toFixed(1)} %`,
      pass: mods === null || viewers === null || rigNote ? null : mods >= viewers,
      note: rigNote ?? undefined,
    });
    const recovery = stress.derived.recoveryS;
    out.push({
      target: 'recovers within 5 s after the load drops',
      figure:
        typeof recovery === 'number' ? `${recovery.toFixed(2)} s` : 'did not recover in the recovery phase',
      pass: rigNote ? null : typeof recovery === 'number' ? recovery <= 5 : false,
      note: rigNote ?? undefined,
    });
    const peak = num(stress.derived.peakRssMb);
    out.push({
      target: 'memory bounded under overload (< 500 MB)',
      figure: peak === null ? 'n/a' : `peak ${peak.toFixed(0)} MB`,
      pass: peak === null ? null : peak < 500,
    });
  }
  return out;
}

function secondHalfNote(run: SubjectRun | undefined): string | undefined {
  const late = num(run?.derived.rssGrowthSecondHalfMb);
  return late === null ? undefined : `second half alone: ${late >= 0 ? '+' : ''}${late.toFixed(1)} MB`;
}

/** Below this the growth figure is shown but not judged. */
const MIN_GROWTH_RUN_S = 60;

function sustainedSeconds(run: SubjectRun | undefined): number {
  return (mainPhase(run)?.durationMs ?? 0) / 1000;
}

function sustainedNote(run: SubjectRun | undefined): string | undefined {
  const seconds = sustainedSeconds(run);
  if (!run || seconds >= 300) return undefined;
  return seconds < MIN_GROWTH_RUN_S
    ? `not judged: ${seconds} s is start-up heap sizing, not growth (the full run lasts 5 min)`
    : `over ${seconds} s only (the full run lasts 5 min)`;
}

export function verdictText(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL';
}
