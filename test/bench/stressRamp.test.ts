// The stress ramp's steering, driven through a scripted subject: which rates it runs, when it retries, and
// that it keeps climbing past the listed rates (a subject that holds at 170,000/s must still be pushed into
// overload) only while the sequence table can hold the rest of the scenario.
import { describe, expect, it } from 'vitest';
import { MAX_SEQ } from '../../bench/load/seqTable';
import type { LoadPhase } from '../../bench/load/phase';
import { STRESS_RATES, stress } from '../../bench/scenarios/stress';
import type { PhaseHandle, ScenarioContext } from '../../bench/scenarios/types';

/** A subject whose P99 at a rate is p99At(rate, attempt); it never sheds, and the sender always keeps up. */
function scriptedRun(p99At: (rate: number, attempt: number) => number, tableSize = MAX_SEQ, quick = false) {
  const phases: LoadPhase[] = [];
  const attempts = new Map<number, number>();
  let used = 0;
  const ctx: ScenarioContext = {
    quick,
    subject: 'engine',
    async phase(p) {
      const sent = Math.round((p.rate * p.durationMs) / 1000);
      const handle: PhaseHandle = {
        index: phases.length,
        phase: p,
        send: {
          index: phases.length,
          firstSeq: used + 1,
          endSeq: used + 1 + sent,
          sent,
          frames: sent,
          startedAt: 0,
          endedAt: p.durationMs,
          maxTickGapMs: 2,
          truncated: false,
          heldBack: 0,
        },
      };
      used += sent;
      phases.push(p);
      return handle;
    },
    summarize(h) {
      const attempt = (attempts.get(h.phase.rate) ?? 0) + 1;
      attempts.set(h.phase.rate, attempt);
      const p99 = p99At(h.phase.rate, attempt);
      const n = h.send.sent;
      const latency = { count: n, p50: p99 / 4, p95: p99 / 2, p99, max: p99, mean: p99 / 4 };
      return {
        sent: n,
        delivered: n,
        moderatorsSent: 0,
        moderatorsDelivered: 0,
        latency,
        moderatorsLatency: latency,
        viewersLatency: latency,
      };
    },
    counters: () => ({ received: 0, accepted: 0, refused: 0, byReason: {} }),
    settle: async () => {},
    remainingSeq: () => tableSize - used,
    log: () => {},
  };
  return { ctx, phases, used: () => used };
}

const names = (phases: LoadPhase[]): string[] => phases.map((p) => p.name);

describe('the stress ramp', () => {
  it('confirms a break by retrying it, runs one step past it, then recovers', async () => {
    const run = scriptedRun((rate) => (rate >= 30_000 ? 20 : 1));
    await stress.drive(run.ctx);
    expect(names(run.phases)).toEqual([
      'step 2k/s',
      'step 5k/s',
      'step 10k/s',
      'step 20k/s',
      'step 30k/s',
      'step 30k/s (again)',
      'step 40k/s',
      'recovery',
    ]);
  });

  it('climbs on past the listed rates when nothing has broken, and breaks there', async () => {
    const run = scriptedRun((rate) => (rate > 200_000 ? 15 : 3));
    await stress.drive(run.ctx);
    const rates = run.phases.map((p) => p.rate);
    expect(rates.slice(0, STRESS_RATES.length)).toEqual(STRESS_RATES);
    // 170k × 1.3 = 221k breaks twice; the step past it is 1.3× faster again.
    expect(names(run.phases).slice(STRESS_RATES.length)).toEqual([
      'step 221k/s',
      'step 221k/s (again)',
      'step 287k/s',
      'recovery',
    ]);
    expect(run.used()).toBeLessThanOrEqual(MAX_SEQ);
  });

  it('stops climbing, and still recovers, when the table could not hold another step with its retry', async () => {
    const run = scriptedRun(() => 3);
    await stress.drive(run.ctx);
    const last = run.phases[run.phases.length - 2]!;
    expect(last.rate).toBeGreaterThan(STRESS_RATES[STRESS_RATES.length - 1]!);
    expect(run.phases[run.phases.length - 1]!.name).toBe('recovery');
    expect(run.used()).toBeLessThanOrEqual(MAX_SEQ);

    // A table with no room beyond the list ends the ramp at the list's end.
    const small = scriptedRun(() => 3, 8_000_000);
    await stress.drive(small.ctx);
    expect(small.phases.map((p) => p.rate)).toEqual([...STRESS_RATES, 1000]);
  });

  it('starts at 10,000/s with --quick (the fixed points show the low rates) and still climbs past the list', async () => {
    const run = scriptedRun((rate) => (rate > 200_000 ? 15 : 3), MAX_SEQ, true);
    await stress.drive(run.ctx);
    expect(run.phases[0]!.rate).toBe(10_000);
    expect(names(run.phases).slice(-4)).toEqual([
      'step 221k/s',
      'step 221k/s (again)',
      'step 287k/s',
      'recovery',
    ]);
  });
});
