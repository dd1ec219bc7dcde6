// The live state of one variable: its target (chat range), its output (the value last written), and whatever
// is in flight: a slew ramp, a trigger pulse, a democracy window. Every output write goes through here.
import { WindowAggregator } from './aggregate';
import type { CompiledVariable } from './compile';
import { finalizeTarget, outputOf } from './shape';
import { Ramp } from './slew';
import type { OutputWriter } from './types';

export class VariableState {
  target: number;
  /** The value last written (it lags `target` while a ramp runs). */
  output: number;
  lastUser: string | null = null;
  /** Monotonic ms of the last target change (views turn it into epoch ms, so the hot path skips Date.now()). */
  lastChangedMs: number | null = null;
  readonly ramp = new Ramp();
  /** Monotonic ms at which a trigger pulse ends; Infinity when none is high. */
  pulseUntil = Infinity;
  readonly window: WindowAggregator | null;

  constructor(
    readonly v: CompiledVariable,
    target: number,
  ) {
    this.target = target;
    this.output = outputOf(v, target);
    this.window = v.windowed && v.mode !== 'last' ? new WindowAggregator(v.mode, v.windowMs) : null;
  }

  /** True while a ramp, pulse or window still needs tick(). */
  pending(): boolean {
    return this.ramp.active || this.pulseUntil !== Infinity || (this.window !== null && this.window.isOpen());
  }

  /** Monotonic ms of the next thing tick() has to do (Infinity when nothing is pending). */
  dueAt(): number {
    const windowClose = this.window === null ? Infinity : this.window.closeTime();
    return Math.min(this.ramp.dueAt(), this.pulseUntil, windowClose);
  }

  private credit(userName: string | null, now: number): void {
    this.lastUser = userName;
    this.lastChangedMs = now;
  }

  private write(value: number, write: OutputWriter): void {
    this.output = value;
    write(this.v.index, value);
  }

  /** A new target from chat, a window or the UI: written at once, or ramped to when the variable slews. */
  setTarget(target: number, userName: string | null, now: number, stepMs: number, write: OutputWriter): void {
    this.target = target;
    this.credit(userName, now);
    const out = outputOf(this.v, target);
    if (this.v.slewMs > 0) {
      // Restart from where the ramp is now, not from the last written step, so a change mid-ramp is smooth.
      const from = this.ramp.active ? this.ramp.valueAt(now) : this.output;
      if (from !== out) {
        this.ramp.start(from, out, now, this.v.slewMs, stepMs);
        return;
      }
    }
    this.ramp.stop();
    this.write(out, write);
  }

  /** Trigger: high now, low again after pulseMs (a fire during a pulse restarts it). */
  fire(userName: string | null, now: number, write: OutputWriter): void {
    this.target = this.v.max;
    this.credit(userName, now);
    this.pulseUntil = now + this.v.pulseMs;
    this.write(outputOf(this.v, this.v.max), write);
  }

  /** Straight to `target` with nothing left in flight (panic, reset, config swap): no ramp, no vote. */
  jumpTo(target: number, userName: string | null, now: number, write: OutputWriter): void {
    this.ramp.stop();
    this.pulseUntil = Infinity;
    this.window?.cancel();
    this.target = target;
    this.credit(userName, now);
    this.write(outputOf(this.v, target), write);
  }

  /** End a due pulse, close a due window, step the ramp. Returns true when the target changed. */
  tick(now: number, stepMs: number, write: OutputWriter): boolean {
    let changed = this.closeWindowIfDue(now, stepMs, write);
    if (now >= this.pulseUntil) {
      this.pulseUntil = Infinity;
      this.target = this.v.min;
      this.write(outputOf(this.v, this.v.min), write);
      changed = true;
    }
    const y = this.ramp.step(now);
    if (!Number.isNaN(y)) this.write(y, write);
    return changed;
  }

  /** Apply a window whose time is up. Also called before a submission, so a late tick never merges windows. */
  closeWindowIfDue(now: number, stepMs: number, write: OutputWriter): boolean {
    if (this.window === null || !this.window.isDue(now)) return false;
    const result = this.window.close();
    if (result === null) return false;
    // A mean of notes or of on/off votes is snapped back onto the scale or to on/off.
    this.setTarget(finalizeTarget(this.v, result.value), result.userName, now, stepMs, write);
    return true;
  }
}
