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

/** Rates the ramp climbs through; it stops one step past the first confirmed break. */
export const STRESS_RATES = [
  2000, 5000, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 80_000, 100_000, 130_000, 170_000,
];
/** Past the last listed rate, the step past a break runs this much faster than the break. */
const BEYOND_FACTOR = 1.3;
const USERS = 1000;
/** 2 % of the users are moderators, to show they are shed last. */
const MOD_EVERY = 50;
const SETTLE_MS = 2000;

const stepMs = (quick: boolean): number => q(quick, 1000, 10_000);

export const stress: Scenario = {
  name: 'stress',
  title: 'Stress: raise the rate until P99 passes 10 ms or commands are shed, then drop it',
  description: (quick) =>
    `1,000 users (2 % moderators), ${stepMs(quick) / 1000} s per step through ` +
    `${STRESS_RATES.map(rateLabel).join(', ')} commands/s. A step breaks when the P99 of what arrived passes ` +
    `${P99_LIMIT_MS} ms or more than 0.1 % is shed or not delivered; a break counts once the same rate breaks ` +
    `twice in a row. The ramp then runs one step past it (how it degrades) and drops to 1,000/s for ` +
    `${q(quick, 3, 20)} s (time to recover: until every window is back under ${P99_LIMIT_MS} ms with 99 % delivered).`,
  subjects: SUBJECTS,
  capacity: (quick) =>
    (2 * STRESS_RATES.reduce((a, r) => a + r, 0) + BEYOND_FACTOR * STRESS_RATES[STRESS_RATES.length - 1]!) *
      (stepMs(quick) / 1000) +
    1000 * 25,
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
    for (let i = 0; i < STRESS_RATES.length && pastBreak === null; i++) {
      const rate = STRESS_RATES[i]!;
      let h = await step(rate);
      await ctx.settle(SETTLE_MS);
      let v = judgeLive(ctx, h);
      if (v.broke) {
        ctx.log(`step ${rateLabel(rate)}/s broke (${v.why}); trying it once more`);
        h = await step(rate, true);
        await ctx.settle(SETTLE_MS);
        v = judgeLive(ctx, h);
        if (v.broke) {
          pastBreak = STRESS_RATES[i + 1] ?? Math.round(rate * BEYOND_FACTOR);
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
      rate: 1000,
      users: USERS,
      durationMs: q(ctx.quick, 3000, 20_000),
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
      beyondOverloaded: beyond ? (beyond.refusedByReason.overloaded ?? 0) : null,
      beyondViewersDelivered: viewersSent > 0 ? viewersDelivered / viewersSent : null,
      beyondModeratorsDelivered:
        beyond && beyond.moderators.sent > 0 ? beyond.moderators.delivered / beyond.moderators.sent : null,
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
