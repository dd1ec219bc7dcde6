// A linear ramp of the output value, stepped on a fixed grid (oscRateHz) so a receiver gets smooth CV at a
// known rate. The ramp lives in output space: what ramps linearly is the value the synth sees.

export class Ramp {
  active = false;
  from = 0;
  to = 0;
  private startMs = 0;
  private durationMs = 0;
  private stepMs = 10;
  private nextStepMs = Infinity;

  /** Start (or restart, from wherever the caller says the output is now) a ramp to `to`. */
  start(from: number, to: number, now: number, durationMs: number, stepMs: number): void {
    this.active = true;
    this.from = from;
    this.to = to;
    this.startMs = now;
    this.durationMs = durationMs;
    this.stepMs = stepMs;
    this.nextStepMs = now + stepMs;
  }

  stop(): void {
    this.active = false;
    this.nextStepMs = Infinity;
  }

  /** Where the ramp is at `now` (its end once finished). */
  valueAt(now: number): number {
    const t = (now - this.startMs) / this.durationMs;
    if (!(t < 1)) return this.to;
    if (t <= 0) return this.from;
    return this.from + (this.to - this.from) * t;
  }

  /** When the next step is due (Infinity when idle): the last step lands exactly at the ramp's end. */
  dueAt(): number {
    return this.active ? Math.min(this.nextStepMs, this.startMs + this.durationMs) : Infinity;
  }

  /**
   * The value to write now, or NaN when no step is due yet. Steps sit on a grid from the ramp's start, so a
   * ticker running at oscRateHz writes on every tick whatever its phase (Node timers fire late, never early),
   * a faster ticker never writes faster than the grid, and a late tick does not cause a burst of catch-up
   * steps. The final step writes exactly `to` and ends the ramp.
   */
  step(now: number): number {
    if (!this.active) return NaN;
    if (now >= this.startMs + this.durationMs) {
      this.stop();
      return this.to;
    }
    if (now < this.nextStepMs) return NaN;
    this.nextStepMs += this.stepMs;
    if (this.nextStepMs <= now) this.nextStepMs = now + this.stepMs;
    return this.valueAt(now);
  }
}
