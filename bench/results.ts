// The shape of a bench run's results: what goes into bench-results/<timestamp>.json and what the table,
// the Markdown summary and the charts are drawn from.
import type { Config } from '../shared/config';
import type { LoadPhase } from './load/phase';
import type { LatencyStats, WindowPoint } from './stats/latency';
import type { DashboardReceived } from './subjects/dashboard';
import type { ReasonCounts } from './subjects/engineState';
import type { SubjectId } from './subjects/subjects';

/** The engine's `overload` config section for the run. */
export type EngineOverload = Config['overload'];

export interface PhaseResult extends LoadPhase {
  index: number;
  /** Seconds from the end of the warm-up to the phase's start and end. */
  startS: number;
  endS: number;
  sent: number;
  delivered: number;
  /**
   * Commands that fell due while the subject was not reading (8 MB unread on its socket): held back, never
   * sent. They count as not delivered, since a viewer would have typed them.
   */
  heldBack: number;
  /** What the sender achieved and what arrived over UDP, per second of the phase. */
  sentRate: number;
  /** Sent plus held back, per second: what the load offered. */
  offeredRate: number;
  deliveredRate: number;
  /** Fake server's send → datagram's receipt, for what was delivered. */
  latency: LatencyStats;
  /**
   * The same for commands sent after the first quarter of the phase: the steady state, without the moments
   * after a load change (an overload guard needs one measuring interval to notice a new overload).
   */
  steadyLatency: LatencyStats;
  /** steadyLatency for moderators' and viewers' commands apart (absent in results written before 2026-12-05). */
  steadyModeratorsLatency?: LatencyStats;
  steadyViewersLatency?: LatencyStats;
  moderators: { sent: number; delivered: number };
  /** Engine only: refusals counted during this phase (from /api/state at the phase's edges). */
  refusedByReason: ReasonCounts;
  /** Engine only: P99 arrival-to-send during this phase, as a Prometheus bucket bound (coarse), or null. */
  inProcessP99AtMostMs: number | null;
  /**
   * Engine only: P99 of the accepted commands' wait from tmi-sent-ts to processing (the queue the overload
   * guard holds to targetLagMs), as a bucket bound; null without data.
   */
  queueP99AtMostMs: number | null;
  cpuPct: number | null;
  rssMb: number | null;
  /** Engine only: V8 heap in use at the phase's end (from /api/state). */
  heapUsedMb: number | null;
  /** How far the load sender itself fell behind its 1 ms ticks. */
  maxTickGapMs: number;
}

export interface ResourceSample {
  /** Seconds from the end of the warm-up (negative during it). */
  t: number;
  rssMb: number;
  cpuPct: number;
}

export interface SubjectRun {
  subject: SubjectId;
  /** Set when the subject could not be measured (did not start, crashed); the rest may be partial. */
  error: string | null;
  phases: PhaseResult[];
  windowMs: number;
  series: WindowPoint[];
  totals: {
    sent: number;
    delivered: number;
    /** Accepted (engine) or forwarded (references) but never received. */
    lost: number;
    refusedByReason: ReasonCounts;
    duplicates: number;
    unknownDatagrams: number;
    /** (sent - delivered) / sent: every command that did not reach the synth, for whatever reason. */
    errorRate: number;
    /** Time from the last send until everything that was coming had arrived. */
    drainMs: number;
    /**
     * UDP datagrams the kernel dropped at a full receive buffer during the run (system-wide; on this loopback
     * bench, the bench's own receiver falling behind). Part of `lost` when non-zero; null where unavailable.
     */
    udpReceiveDrops: number | null;
  };
  /**
   * Where the bench and the subject ran when the scenario isolates cores: "bench on CPU 0, subject on CPU 1",
   * or why they could not be separated; null for scenarios that do not isolate cores.
   */
  cores?: string | null;
  /** What the dashboard received, in scenarios that keep one open on the engine. */
  dashboard?: DashboardReceived | null;
  /** Engine only: arrival-to-send over the whole run (all-time HDR summary from /api/state), ms. */
  inProcess: LatencyStats | null;
  activeUsers: number | null;
  resources: ResourceSample[];
  exitCode: number | string | null;
  /** Scenario-specific figures (recovery time, memory growth, breaking point...). */
  derived: Record<string, number | string | null>;
}

export interface ScenarioResult {
  name: string;
  title: string;
  description: string;
  skipped: string | null;
  subjects: SubjectRun[];
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  command: string;
  quick: boolean;
  senderMode: string;
  machine: MachineInfo;
  /** The commit the engine was run from, with "+changes" when electron/ or shared/ had uncommitted edits. */
  engineCommit: string | null;
  engineOverload: EngineOverload;
  scenarios: ScenarioResult[];
}
