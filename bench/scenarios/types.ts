// What a scenario is: a warm-up, a drive function that runs load phases (and may look at results as it goes,
// like the stress ramp does), and an analysis that turns the measured run into the scenario's own figures.
import type { LoadPhase } from '../load/phase';
import type { PhaseSendResult } from '../load/sender';
import type { SubjectRun } from '../results';
import type { RangeSummary } from '../stats/latency';
import type { CounterDelta } from '../subjects/engineState';
import type { SubjectId } from '../subjects/subjects';

export interface PhaseHandle {
  index: number;
  phase: LoadPhase;
  send: PhaseSendResult;
}

export interface ScenarioContext {
  quick: boolean;
  subject: SubjectId;
  /** Runs one load phase and resolves at its end. */
  phase(p: LoadPhase): Promise<PhaseHandle>;
  /** What has arrived so far of a phase's commands, and how late. */
  summarize(h: PhaseHandle): RangeSummary;
  /** Engine only: counters (refusals by reason) during the phase; null for the references. */
  counters(h: PhaseHandle): CounterDelta | null;
  /** Waits (no load) until no datagram has arrived for a moment, at most `maxMs`: the stragglers are in. */
  settle(maxMs: number): Promise<void>;
  /** Sequence numbers still free in this run's table: how many more commands can be sent and matched. */
  remainingSeq(): number;
  log(line: string): void;
}

export interface Scenario {
  name: string;
  title: string;
  /** One paragraph for the summary: what load, for how long, what it shows. */
  description(quick: boolean): string;
  /**
   * Run the bench and the subject on separate cores (subjects/cpuPinning.ts), for a scenario that drives a
   * subject past a whole core. Where that cannot be done the scenario runs unpinned and says so.
   */
  isolateCores?: boolean;
  /**
   * Keep a dashboard open on the engine for the whole run (subjects/dashboard.ts): a separate process on the
   * engine's WebSocket bridge, as the Electron window would be. The references have no dashboard.
   */
  dashboard?: boolean;
  /** Set when the scenario cannot run yet; it is listed as skipped with this reason. */
  skipped?: string;
  subjects: readonly SubjectId[];
  /** Upper bound on the commands one subject's run sends (sizes the sequence table). */
  capacity(quick: boolean): number;
  /** Width of the latency-over-time windows. */
  windowMs(quick: boolean): number;
  warmup(quick: boolean): LoadPhase;
  drainTimeoutMs: number;
  drive(ctx: ScenarioContext): Promise<void>;
  analyze?(run: SubjectRun, quick: boolean): Record<string, number | string | null>;
}
