// Load shedding. Past capacity the engine refuses on purpose (reason `overloaded`) instead of falling behind:
// a command that has already waited too long would reach the synth late, and a growing backlog makes every
// later command late too. Moderators and the broadcaster are shed last.
import type { ChatMessage } from '../../../shared/domain';
import { ROLE_RANK } from '../../../shared/domain';

export interface OverloadOptions {
  /** Queueing delay above which viewers' commands are shed. */
  maxLagMs: number;
  /** Resident memory above which viewers' commands are shed (checked on a timer, not per message). */
  memoryCapMb: number;
}

/**
 * Queueing delay is measured two ways, and the larger wins:
 * - in process: from the WebSocket frame's arrival to its processing (a long synchronous backlog);
 * - upstream: Twitch's `tmi-sent-ts` against our wall clock, minus the smallest such delay seen recently. The
 *   minimum absorbs network latency and clock skew, so what remains is time spent queued in socket buffers,
 *   which the in-process measure cannot see.
 */
export class OverloadGuard {
  private baselineMs = Infinity;
  private baselineSetAt = 0;
  private memoryOver = false;
  private shedCount = 0;
  /** Last measured queueing delay, for the dashboard. */
  lagMs = 0;

  constructor(private options: OverloadOptions) {}

  setOptions(options: OverloadOptions): void {
    this.options = options;
  }

  /** Called once a second with the process RSS. */
  sampleMemory(rssMb: number): void {
    this.memoryOver = rssMb > this.options.memoryCapMb;
  }

  /** The hot-path check: true when this message should be refused as `overloaded`. */
  shouldShed(msg: ChatMessage, nowMs: number, wallNowMs: number): boolean {
    let lag = nowMs - msg.arrivalMs;
    if (msg.sentTs !== null) {
      const transit = wallNowMs - msg.sentTs;
      // Re-learn the baseline every 30 s so a clock adjustment cannot leave it stale forever.
      if (transit < this.baselineMs || wallNowMs - this.baselineSetAt > 30_000) {
        this.baselineMs = transit;
        this.baselineSetAt = wallNowMs;
      }
      const upstream = transit - this.baselineMs;
      if (upstream > lag) lag = upstream;
    }
    this.lagMs = lag;
    const privileged = ROLE_RANK[msg.role] >= ROLE_RANK.moderator;
    const shed = privileged
      ? lag > this.options.maxLagMs * 4 // moderators last: only when far behind
      : lag > this.options.maxLagMs || this.memoryOver;
    if (shed) this.shedCount++;
    return shed;
  }

  shed(): number {
    return this.shedCount;
  }
}
