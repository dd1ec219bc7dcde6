// Load shedding. Past capacity the engine refuses on purpose (reason `overloaded`) instead of falling behind:
// a command that has already waited too long would reach the synth late, and a growing backlog makes every
// later command late too. Moderators and the broadcaster are shed last.
//
// Shedding only helps when THIS process is the bottleneck, so the guard first asks "are we saturated?": how
// busy the chat thread was over the last 100 ms (event-loop utilization, or on Linux the larger of that and
// the share of time the thread ran or waited for a CPU: see metrics/threadDemand.ts). A loop that still
// idles between frames has read everything the kernel holds, so no command is queued on our side, whatever a
// late frame's timestamps say (a GC pause, Twitch's own delivery jitter): those commands are delivered late,
// not refused. A saturated loop is one that always has more to read: then the queueing delay is measured from
// Twitch's `tmi-sent-ts` (which sees time spent in socket buffers, invisible from inside the process), and
// viewers' commands that waited longer than targetLagMs (5 ms by default) are shed, moderators' at twice
// that. Shedding is cheap, so the backlog shrinks to the target and stays there while the overload lasts.
// When the load drops, the loop idles again (utilization under 70 %) and shedding stops at the next interval.
//
// Known blind spots (see bench/README.md): outside Linux, a thread starved of CPU by other processes waits
// for the CPU inside epoll, which event-loop utilization counts as idle, so a machine that is oversubscribed
// as a whole can queue commands without the guard calling it saturation; and while saturated, real Twitch's
// delivery jitter above its fastest delivery counts as queue, so the guard may shed more than strictly
// needed during an overload.
import { performance } from 'node:perf_hooks';
import type { ChatMessage } from '../../../shared/domain';
import { ROLE_RANK } from '../../../shared/domain';
import { threadDemandProbe } from '../metrics/threadDemand';

export interface OverloadOptions {
  /** Hard limit: a viewer's command that waited longer than this is always shed. */
  maxLagMs: number;
  /** Resident memory above which viewers' commands are shed (checked on a timer, not per message). */
  memoryCapMb: number;
  /**
   * The queueing delay a saturated engine is held to (the config's default is 5 ms). When a caller gives
   * none: a tenth of maxLagMs. Never above maxLagMs.
   */
  targetLagMs?: number;
}

export interface OverloadProbes {
  /** How busy the chat thread was (0..1) since the previous call. Default: busyThreadProbe(). */
  utilization?: () => number;
}

/**
 * How often saturation is re-assessed (only while messages arrive: no timer). Long enough that a GC pause or
 * a few milliseconds of CPU taken by a neighbour process cannot make an engine that keeps up look saturated;
 * short enough that the backlog built before shedding starts stays small (at 1.5× capacity, ~50 ms of it).
 */
export const SATURATION_INTERVAL_MS = 100;
/** Utilization at or above which the loop counts as saturated (a backlogged loop never idles: ~1.0). */
export const SATURATED_UTILIZATION = 0.9;
/**
 * Once saturated, the loop counts as saturated until utilization falls below this. Without the hysteresis a
 * shedding engine that briefly catches up would stop watching the upstream delay for an interval, and the
 * backlog that builds meanwhile (unseen from inside the process) would be accepted late.
 */
export const RELEASED_UTILIZATION = 0.7;
/** The upstream baseline is re-learned from the last two windows of this length. */
export const BASELINE_WINDOW_MS = 5_000;
/** The default target is maxLagMs divided by this. */
export const TARGET_FRACTION = 10;
/** Moderators and the broadcaster are shed only when this many times later than maxLagMs... */
export const PRIVILEGED_FACTOR = 4;
/**
 * ...or, while saturated, this many times later than the target. They are still shed last (every viewer's
 * command that waited past the target goes first), but not never: a moderator's command accepted 30 ms late
 * is as late as a viewer's would be, and when moderators chat as much as viewers (the bench's 2 %) their late
 * commands alone would carry the P99 of everything accepted past 10 ms (measured: 29 ms for moderators
 * against 9.5 ms for viewers at 287,000/s offered).
 */
export const PRIVILEGED_TARGET_FACTOR = 2;

export function eventLoopUtilizationProbe(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, last);
    last = now;
    return delta.utilization;
  };
}

/**
 * Event-loop utilization, and on Linux the larger of that and the thread's CPU demand (running or runnable):
 * the second sees a thread starved of CPU, the first a thread blocked in a synchronous call.
 */
export function busyThreadProbe(): () => number {
  const elu = eventLoopUtilizationProbe();
  const demand = threadDemandProbe();
  if (!demand) return elu;
  return () => Math.max(elu(), demand());
}

export class OverloadGuard {
  /** Last measured queueing delay (ms), for the dashboard. */
  lagMs = 0;
  private saturatedNow = false;
  private intervalStart = -Infinity;
  /** Smallest transit (wall clock minus tmi-sent-ts) believed to involve no queue on our side. */
  private baselineMs = Infinity;
  /** Smallest transits seen while NOT saturated, in the current and the previous baseline window. */
  private windowMin = Infinity;
  private previousWindowMin = Infinity;
  private windowStart = -Infinity;
  private memoryOver = false;
  private shedCount = 0;
  private readonly utilization: () => number;

  constructor(
    private options: OverloadOptions,
    probes: OverloadProbes = {},
  ) {
    this.utilization = probes.utilization ?? busyThreadProbe();
  }

  setOptions(options: OverloadOptions): void {
    this.options = options;
  }

  /** Called about once a second with the process RSS. */
  sampleMemory(rssMb: number): void {
    this.memoryOver = rssMb > this.options.memoryCapMb;
  }

  /** True while the event loop has had no idle time in the last interval (a backlog is building). */
  get saturated(): boolean {
    return this.saturatedNow;
  }

  /** The hot-path check: true when this message should be refused as `overloaded`. O(1), no allocation. */
  shouldShed(msg: ChatMessage, nowMs: number, wallNowMs: number): boolean {
    if (nowMs - this.intervalStart >= SATURATION_INTERVAL_MS) this.roll(nowMs, wallNowMs);
    let lag = nowMs - msg.arrivalMs;
    if (msg.sentTs !== null) {
      const transit = wallNowMs - msg.sentTs;
      // A smaller transit is always evidence of a smaller baseline (a queue only ever adds delay).
      if (transit < this.baselineMs) this.baselineMs = transit;
      if (this.saturatedNow) {
        const upstream = transit - this.baselineMs;
        if (upstream > lag) lag = upstream;
      } else if (transit < this.windowMin) {
        this.windowMin = transit;
      }
    }
    this.lagMs = lag;
    const maxLag = this.options.maxLagMs;
    const target = Math.min(this.options.targetLagMs ?? maxLag / TARGET_FRACTION, maxLag);
    let shed: boolean;
    if (ROLE_RANK[msg.role] >= ROLE_RANK.moderator) {
      shed =
        lag > maxLag * PRIVILEGED_FACTOR || (this.saturatedNow && lag > target * PRIVILEGED_TARGET_FACTOR);
    } else {
      shed = this.memoryOver || lag > maxLag || (this.saturatedNow && lag > target);
    }
    if (shed) this.shedCount++;
    return shed;
  }

  shed(): number {
    return this.shedCount;
  }

  private roll(nowMs: number, wallNowMs: number): void {
    // Utilization since the previous roll: after a quiet spell that covers the quiet too, as it should.
    const u = this.utilization();
    this.saturatedNow = u >= (this.saturatedNow ? RELEASED_UTILIZATION : SATURATED_UTILIZATION);
    this.intervalStart = nowMs;
    if (wallNowMs - this.windowStart >= BASELINE_WINDOW_MS) {
      // Re-learn from unsaturated moments only, so the baseline follows a clock adjustment (or a new route)
      // but never creeps up to include our own backlog during a long overload (no unsaturated samples then).
      const learned = Math.min(this.windowMin, this.previousWindowMin);
      if (learned !== Infinity) this.baselineMs = learned;
      this.previousWindowMin = this.windowMin;
      this.windowMin = Infinity;
      this.windowStart = wallNowMs;
    }
  }
}
