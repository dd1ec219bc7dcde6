// Figures derived from a measured run: recovery time, memory growth, memory per user, where the stress ramp
// broke. Pure functions over the results, so they are unit-tested (test/bench/analysis.test.ts).
import type { PhaseResult, ResourceSample } from './results';
import type { WindowPoint } from './stats/latency';
import type { ReasonCounts } from './subjects/engineState';

/** The stress limit: P99 of delivered commands above this means "past capacity". */
export const P99_LIMIT_MS = 10;
/** Shedding or falling behind on more than this share of a step's commands also counts as past capacity. */
export const UNDELIVERED_LIMIT = 0.001;
/** A step whose sender achieved less than this share of its target rate measured the bench, not the subject. */
export const DRIVER_SHORTFALL = 0.9;
/** A sender tick this late means the bench process itself stalled (GC, CPU): its figures measure the rig. */
export const DRIVER_STALL_MS = 100;

export interface RecoveryOptions {
  /** Width of the series' windows, seconds. */
  windowS: number;
  /** Normal for this long in a row (or until `toS`) counts as recovered (default 2 s). */
  holdS?: number;
  /** Share of a window's commands that must have arrived (default 0.99). */
  minDelivered?: number;
}

/**
 * Seconds from `fromS` until the subject is back to normal: the start of the first run of windows, each with
 * P99 <= limitMs and enough delivered, that lasts `holdS` or reaches `toS`. A later one-window hiccup on a
 * busy machine does not undo a recovery. 0 when it never left normal; null when it had not recovered by `toS`.
 */
export function recoveryTime(
  series: readonly WindowPoint[],
  fromS: number,
  toS: number,
  limitMs: number,
  { windowS, holdS = 2, minDelivered = 0.99 }: RecoveryOptions,
): number | null {
  let since: number | null = null;
  for (const w of series) {
    if (w.t < fromS - 1e-9 || w.t >= toS) continue;
    const ok = w.sent > 0 && w.delivered / w.sent >= minDelivered && w.latency.p99 <= limitMs;
    if (!ok) {
      since = null;
      continue;
    }
    if (since === null) since = w.t;
    if (w.t + windowS - since >= holdS - 1e-9) return Math.max(0, since - fromS);
  }
  return since === null ? null : Math.max(0, since - fromS);
}

export interface Growth {
  startMb: number;
  endMb: number;
  growthMb: number;
  peakMb: number;
}

/** RSS at the end of [fromS, toS] minus RSS at its start, each the mean of a tenth of the samples (min 1). */
export function rssGrowth(samples: readonly ResourceSample[], fromS: number, toS: number): Growth | null {
  const inside = samples.filter((s) => s.t >= fromS && s.t <= toS);
  if (inside.length < 4) return null;
  const k = Math.max(1, Math.floor(inside.length / 10));
  const mean = (xs: readonly ResourceSample[]): number => xs.reduce((a, s) => a + s.rssMb, 0) / xs.length;
  const startMb = mean(inside.slice(0, k));
  const endMb = mean(inside.slice(-k));
  return { startMb, endMb, growthMb: endMb - startMb, peakMb: Math.max(...inside.map((s) => s.rssMb)) };
}

export function totalRefused(byReason: ReasonCounts): number {
  return Object.values(byReason).reduce((a, n) => a + (n ?? 0), 0);
}

export interface StepVerdict {
  rate: number;
  achievedRate: number;
  p99: number;
  /** Share of the step's commands that did not arrive (shed, refused or still queued). */
  undelivered: number;
  overloaded: number;
  broke: boolean;
  /** Why it counts as past capacity, or null. */
  why: string | null;
  /** The sender could not reach the target rate: the subject's limit is above what this machine can drive. */
  driverLimited: boolean;
}

export function judgeStep(
  p: Pick<PhaseResult, 'rate' | 'sent' | 'delivered' | 'sentRate' | 'latency' | 'refusedByReason'> &
    Partial<Pick<PhaseResult, 'heldBack' | 'offeredRate' | 'maxTickGapMs'>>,
): StepVerdict {
  const overloaded = p.refusedByReason.overloaded ?? 0;
  const heldBack = p.heldBack ?? 0;
  const due = p.sent + heldBack;
  const undelivered = due > 0 ? (due - p.delivered) / due : 0;
  const reasons: string[] = [];
  if (p.latency.p99 > P99_LIMIT_MS) reasons.push(`P99 ${p.latency.p99.toFixed(1)} ms > ${P99_LIMIT_MS} ms`);
  if (overloaded > due * UNDELIVERED_LIMIT) reasons.push(`${overloaded} refused as overloaded`);
  else if (undelivered > UNDELIVERED_LIMIT) reasons.push(`${(undelivered * 100).toFixed(1)} % not delivered`);
  if (heldBack > 0) reasons.push(`${heldBack} held back (the subject stopped reading)`);
  // What the sender managed, held-back commands included: those it would have sent, the subject refused.
  const offeredRate = p.offeredRate ?? p.sentRate;
  return {
    rate: p.rate,
    achievedRate: offeredRate,
    p99: p.latency.p99,
    undelivered,
    overloaded,
    broke: reasons.length > 0,
    why: reasons.length > 0 ? reasons.join(', ') : null,
    driverLimited: offeredRate < p.rate * DRIVER_SHORTFALL || (p.maxTickGapMs ?? 0) > DRIVER_STALL_MS,
  };
}

export interface BreakingPoint {
  /** The highest rate held before the first confirmed break (null if even the first step broke). */
  safeRate: number | null;
  /** The first rate that broke (and broke again when retried), null if none did. */
  breakRate: number | null;
  /** Index of the step that confirmed the break. */
  breakIndex: number | null;
  why: string | null;
  /** The ramp ended because the sender could not go faster, not because the subject broke. */
  driverLimited: boolean;
}

/** Steps in ramp order; a step followed by another at the same rate was retried, and the retry decides. */
export function breakingPoint(steps: readonly StepVerdict[]): BreakingPoint {
  let safeRate: number | null = null;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    if (steps[i + 1]?.rate === s.rate) continue;
    if (s.broke) return { safeRate, breakRate: s.rate, breakIndex: i, why: s.why, driverLimited: false };
    if (s.driverLimited)
      return { safeRate, breakRate: null, breakIndex: null, why: null, driverLimited: true };
    safeRate = s.rate;
  }
  return { safeRate, breakRate: null, breakIndex: null, why: null, driverLimited: false };
}
