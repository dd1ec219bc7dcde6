// Cheap per-second meters for the live dashboard. mark() takes the caller's timestamp (the engine already has
// the message's arrival time), so counting a command costs no clock read: one division and one array add.

/** Counts events in a ring of one-second buckets. */
export class RateMeter {
  readonly windowSec: number;
  private readonly buckets: Float64Array;
  /** The second (floor(ms / 1000)) the newest bucket stands for; NaN until the first use. */
  private headSec = Number.NaN;
  private firstSec = Number.NaN;
  private totalCount = 0;

  /** @param windowSec how many whole seconds perSecond() averages over (default 5). */
  constructor(windowSec = 5) {
    this.windowSec = Math.max(1, Math.floor(windowSec));
    // One extra bucket for the second in progress, which perSecond() leaves out.
    this.buckets = new Float64Array(this.windowSec + 1);
  }

  /** Hot path: count `n` events at `nowMs` (any monotonic or wall-clock ms, used consistently). */
  mark(nowMs: number, n = 1): void {
    const sec = Math.floor(nowMs / 1000);
    if (sec !== this.headSec) {
      if (!(sec > this.headSec) && this.headSec - sec < this.buckets.length) {
        // A slightly late timestamp (events from two sources): count it in its own second.
        this.buckets[this.slot(sec)]! += n;
        this.totalCount += n;
        return;
      }
      this.moveTo(sec);
    }
    this.buckets[this.slot(sec)]! += n;
    this.totalCount += n;
  }

  /** Average events per second over the last `windowSec` whole seconds (fewer right after start). */
  perSecond(nowMs: number): number {
    const sec = Math.floor(nowMs / 1000);
    if (Number.isNaN(this.headSec)) return 0;
    if (sec > this.headSec) this.moveTo(sec);
    const complete = Math.min(this.windowSec, this.headSec - this.firstSec);
    if (complete <= 0) return 0;
    return this.countOver(complete) / complete;
  }

  /** Events in the last `seconds` whole seconds (at most windowSec). */
  countOver(seconds: number): number {
    if (Number.isNaN(this.headSec)) return 0;
    let sum = 0;
    const n = Math.min(seconds, this.windowSec);
    for (let i = 1; i <= n; i++) sum += this.buckets[this.slot(this.headSec - i)]!;
    return sum;
  }

  /** Every event ever marked. */
  get total(): number {
    return this.totalCount;
  }

  private slot(sec: number): number {
    const len = this.buckets.length;
    return ((sec % len) + len) % len;
  }

  private moveTo(sec: number): void {
    if (Number.isNaN(this.headSec)) {
      this.headSec = sec;
      this.firstSec = sec;
      return;
    }
    // Zero the buckets of the seconds skipped over (at most one full turn of the ring).
    const steps = Math.min(sec - this.headSec, this.buckets.length);
    for (let i = 1; i <= steps; i++) this.buckets[this.slot(this.headSec + i)] = 0;
    this.headSec = sec;
  }
}

/**
 * Commands per second and the share of them that were errors, over the same window. Which outcomes count as
 * errors is the caller's call (the dashboard's "error rate" alert is about the system failing, e.g. OSC send
 * failures or `overloaded`, not about viewers being rate-limited as designed).
 */
export class ErrorRateMeter {
  private readonly all: RateMeter;
  private readonly errors: RateMeter;

  constructor(windowSec = 5) {
    this.all = new RateMeter(windowSec);
    this.errors = new RateMeter(windowSec);
  }

  mark(nowMs: number, isError: boolean): void {
    this.all.mark(nowMs);
    // Keep both rings on the same second even when there is no error to count.
    this.errors.mark(nowMs, isError ? 1 : 0);
  }

  commandsPerSec(nowMs: number): number {
    return this.all.perSecond(nowMs);
  }

  /** errors / commands over the window, 0..1; 0 when there were no commands. */
  errorRate(nowMs: number): number {
    const total = this.all.perSecond(nowMs);
    if (total === 0) return 0;
    return this.errors.perSecond(nowMs) / total;
  }
}
