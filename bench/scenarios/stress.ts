// The stress ramp: raise the rate step by step until the subject breaks (P99 of what arrives passes 10 ms, or
// more than 0.1 % is shed or never arrives), confirm the break by trying that rate once more (this machine
// is shared: one scheduler hiccup must not end the ramp), run one step past it to show how the subject
// degrades, then drop the load and time the recovery. Steps are separated by a short settle (until the
// previous step's stragglers have arrived), so each is judged on its own; the step past the break runs
// straight into the recovery phase, so recovery is measured from a real overload.
import { breakingPoint, judgeStep, P99_LIMIT_MS, recoveryTime, type StepVerdict } from '../analysis';
import { SUBJECTS } from '../subjects/subjects';
import { phaseByName, q, rateLabel, warmup } from './helpers';
import type { PhaseHandle, Scenario, ScenarioContext } from './types';
import { MAX_SEQ } from '../load/seqTable';

/** Rates the ramp climbs through; it stops one step past the first confirmed break. */
export const STRESS_RATES = [
  2000, 5000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000, 130_000, 170_000,
];
/**
 * Past the last listed rate the ramp keeps climbing by this factor (a quiet machine can carry the engine past
 * 170,000/s, and a ramp that never breaks shows nothing of the overload), and the step past a break runs this
 * much faster than the break.
 */
const CLIMB_FACTOR = 1.3;
const USERS = 1000;
/** 2 % of the users are moderators, to show they are shed last. */
const MOD_EVERY = 50;
const SETTLE_MS = 2000;
const RECOVERY_RATE = 1000;

const stepMs = (quick: boolean): number => q(quick, 1000, 10_000);
const recoveryMs = (quick: boolean): number => q(quick, 3000, 20_000);

/**
 * The listed rates a run climbs through. --quick starts at 10,000/s: the fixed points already show the low
 * rates, and the whole quick run must stay under three minutes.
 */
export function stressRates(quick: boolean): readonly number[] {
  return quick ? STRESS_RATES.filter((r) => r >= 10_000) : STRESS_RATES;
}

/** The rate after `rate` (step i of `rates`): the next listed one, then CLIMB_FACTOR faster. */
function rateAfter(rates: readonly number[], i: number, rate: number): number {
  return rates[i + 1] ?? Math.round((rate * CLIMB_FACTOR) / 1000) * 1000;
}

/**
 * Sequence numbers a climb to `rate` may still use: the step, its retry, the step past it and the recovery.
 * The table holds MAX_SEQ (float32 carries integers exactly only below 2^24), so the climb ends when the
 * table could not hold the rest of the scenario.
 */
function climbBudget(rate: number, quick: boolean): number {
  const stepSec = stepMs(quick) / 1000;
  return (2 * rate + rate * CLIMB_FACTOR) * stepSec + (RECOVERY_RATE * recoveryMs(quick)) / 1000;
}

export const stress: Scenario = {
  name: 'stress',
  title: 'Stress: raise the rate until P99 passes 10 ms or commands are shed, then drop it',
  description: (quick) =>
    `1,000 users (2 % moderators), ${stepMs(quick) / 1000} s per step through ` +
    `${stressRates(quick).map(rateLabel).join(', ')} commands/s, then ${CLIMB_FACTOR}× faster each step while ` +
    `the sequence table has room (${(MAX_SEQ / 1e6).toFixed(0)} million commands per subject). A step ` +
    `breaks when the P99 of what arrived passes ${P99_LIMIT_MS} ms or more than 0.1 % is shed or not ` +
    'delivered; a break counts once the same rate breaks twice in a row. The ramp then runs one step past it ' +
    `(how it degrades) and drops to 1,000/s for ${recoveryMs(quick) / 1000} s (time to recover: until every ` +
    `window is back under ${P99_LIMIT_MS} ms with 99 % delivered). ` +
    'The bench and the subject run on separate cores (Linux taskset), so neither preempts the other.',
  subjects: SUBJECTS,
  // Past a whole core the subject and the bench's receiver would otherwise preempt each other (cpuPinning.ts).
  isolateCores: true,
  // The ramp itself stops climbing before the table runs out (climbBudget).
  capacity: () => MAX_SEQ,
  windowMs: (quick) => q(quick, 250, 500),
  warmup: (quick) => warmup(quick, 2000, USERS),
  drainTimeoutMs: 30_000,
  async drive(ctx) {
    const step = (rate: number, again = false): Promise<PhaseHandle> =>
      ctx.phase({
        name: `step ${rateLabel(rate)}/s${again ? ' (again)' : ''}`,
        rate,
        users: USERS,
        durationMs: stepMs(ctx.quick),
        moderatorEvery: MOD_EVERY,
      });
    let pastBreak: number | null = null;
    const rates = stressRates(ctx.quick);
    let rate = rates[0]!;
    for (let i = 0; pastBreak === null; i++) {
      if (i > 0) rate = rateAfter(rates, i - 1, rate);
      if (i >= rates.length && ctx.remainingSeq() < climbBudget(rate, ctx.quick)) {
        ctx.log(`no break yet, and no room in the sequence table to climb to ${rateLabel(rate)}/s`);
        break;
      }
      let h = await step(rate);
      await ctx.settle(SETTLE_MS);
      let v = judgeLive(ctx, h);
      if (v.broke) {
        ctx.log(`step ${rateLabel(rate)}/s broke (${v.why}); trying it once more`);
        h = await step(rate, true);
        await ctx.settle(SETTLE_MS);
        v = judgeLive(ctx, h);
        if (v.broke) {
          pastBreak = rateAfter(rates, i, rate);
          ctx.log(`step ${rateLabel(rate)}/s broke again (${v.why}): past capacity`);
        }
      }
      if (!v.broke && v.driverLimited) {
        ctx.log(`the sender reached only ${Math.round(v.achievedRate)}/s of ${rate}/s: the ramp stops here`);
        break;
      }
    }
    if (pastBreak !== null) await step(pastBreak);
    await ctx.phase({
      name: 'recovery',
      rate: RECOVERY_RATE,
      users: USERS,
      durationMs: recoveryMs(ctx.quick),
      moderatorEvery: MOD_EVERY,
    });
  },
  analyze(run) {
    const steps = run.phases.filter((p) => p.name.startsWith('step'));
    const verdicts = steps.map((p) => judgeStep(p));
    const bp = breakingPoint(verdicts);
    const beyond = bp.breakIndex !== null ? steps[bp.breakIndex + 1] : undefined;
    const rec = phaseByName(run, 'recovery');
    const viewersSent = beyond ? beyond.sent - beyond.moderators.sent : 0;
    const viewersDelivered = beyond ? beyond.delivered - beyond.moderators.delivered : 0;
    return {
      safeRate: bp.safeRate,
      breakRate: bp.breakRate,
      breakWhy: bp.why,
      driverLimited: bp.driverLimited ? 'yes' : 'no',
      retries: steps.filter((p) => p.name.endsWith('(again)')).length,
      maxDeliveredRate: Math.max(0, ...steps.map((p) => p.deliveredRate)),
      beyondRate: beyond?.rate ?? null,
      beyondDeliveredRate: beyond?.deliveredRate ?? null,
      beyondP99Ms: beyond?.latency.p99 ?? null,
      beyondHeldBack: beyond?.heldBack ?? null,
      beyondDriverStallMs: beyond?.maxTickGapMs ?? null,
      beyondSteadyP99Ms: beyond?.steadyLatency.p99 ?? null,
      beyondSteadyModeratorsP99Ms: beyond?.steadyModeratorsLatency?.p99 ?? null,
      beyondSteadyViewersP99Ms: beyond?.steadyViewersLatency?.p99 ?? null,
      beyondOverloaded: beyond ? (beyond.refusedByReason.overloaded ?? 0) : null,
      beyondViewersDelivered: viewersSent > 0 ? viewersDelivered / viewersSent : null,
      beyondModeratorsDelivered:
        beyond && beyond.moderators.sent > 0 ? beyond.moderators.delivered / beyond.moderators.sent : null,
      cores: run.cores ?? null,
      peakRssMb: Math.max(0, ...run.resources.map((r) => r.rssMb)),
      recoveryS: rec
        ? recoveryTime(run.series, rec.startS, rec.endS, P99_LIMIT_MS, { windowS: run.windowMs / 1000 })
        : null,
    };
  },
};

function judgeLive(ctx: ScenarioContext, h: PhaseHandle): StepVerdict {
  const s = ctx.summarize(h);
  const seconds = Math.max(0.001, (h.send.endedAt - h.send.startedAt) / 1000);
  return judgeStep({
    rate: h.phase.rate,
    sent: s.sent,
    delivered: s.delivered,
    heldBack: h.send.heldBack,
    maxTickGapMs: h.send.maxTickGapMs,
    sentRate: s.sent / seconds,
    offeredRate: (s.sent + h.send.heldBack) / seconds,
    latency: s.latency,
    refusedByReason: ctx.counters(h)?.byReason ?? {},
  });
}
