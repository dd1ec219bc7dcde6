// Democracy modes: collect a variable's accepted values over a window and reduce them to one target.
//
// A window opens at the first accepted value and closes `windowMs` later (tick() notices; so does the next
// submission, so a late tick never merges two windows). Each user has one say per window: a later value from the
// same user replaces their earlier one, in every mode (a flood of one user's values cannot drag a mean).
//   mean    arithmetic mean
//   median  middle value; with an even count, the mean of the two middle values
//   vote    the value with the most votes; a tie goes to the tied value voted for most recently
import type { VariableConfig } from '../../../shared/config';

export type WindowMode = Exclude<VariableConfig['mode'], 'last'>;

export interface WindowResult {
  value: number;
  /** Who the result is credited to: the latest voter for the winning value (vote), the latest submitter otherwise. */
  userName: string;
}

export class WindowAggregator {
  private readonly slotByUser = new Map<string, number>();
  private readonly values: number[] = [];
  /** Submission order of each slot's current value, for vote ties and credit. */
  private readonly seqs: number[] = [];
  private readonly names: string[] = [];
  private seq = 0;
  private closesAt = Infinity;

  constructor(
    readonly mode: WindowMode,
    readonly windowMs: number,
  ) {}

  isOpen(): boolean {
    return this.values.length > 0;
  }

  /** Monotonic ms at which the open window closes (Infinity when none is open). */
  closeTime(): number {
    return this.closesAt;
  }

  isDue(now: number): boolean {
    return now >= this.closesAt;
  }

  /** The caller closes a due window before submitting, so a value always lands in the window it arrived in. */
  submit(userId: string, userName: string, value: number, now: number): void {
    if (this.values.length === 0) this.closesAt = now + this.windowMs;
    const seq = ++this.seq;
    const slot = this.slotByUser.get(userId);
    if (slot === undefined) {
      this.slotByUser.set(userId, this.values.length);
      this.values.push(value);
      this.seqs.push(seq);
      this.names.push(userName);
    } else {
      this.values[slot] = value;
      this.seqs[slot] = seq;
      this.names[slot] = userName;
    }
  }

  /** Reduce and empty the window; null when nothing was submitted. */
  close(): WindowResult | null {
    if (this.values.length === 0) return null;
    const result = this.reduce();
    this.cancel();
    return result;
  }

  /** Drop the open window without a result (panic, reset, lock). */
  cancel(): void {
    this.slotByUser.clear();
    this.values.length = 0;
    this.seqs.length = 0;
    this.names.length = 0;
    this.closesAt = Infinity;
  }

  private latestSlot(): number {
    let best = 0;
    for (let i = 1; i < this.seqs.length; i++) if (this.seqs[i]! > this.seqs[best]!) best = i;
    return best;
  }

  private reduce(): WindowResult {
    const latest = this.names[this.latestSlot()]!;
    if (this.mode === 'mean') {
      let sum = 0;
      for (const v of this.values) sum += v;
      return { value: sum / this.values.length, userName: latest };
    }
    if (this.mode === 'median') {
      const sorted = Float64Array.from(this.values).sort();
      const mid = sorted.length >> 1;
      const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return { value, userName: latest };
    }
    return this.vote();
  }

  private vote(): WindowResult {
    const tally = new Map<number, { count: number; seq: number; slot: number }>();
    for (let i = 0; i < this.values.length; i++) {
      const v = this.values[i]!;
      const t = tally.get(v);
      if (t === undefined) tally.set(v, { count: 1, seq: this.seqs[i]!, slot: i });
      else {
        t.count++;
        if (this.seqs[i]! > t.seq) {
          t.seq = this.seqs[i]!;
          t.slot = i;
        }
      }
    }
    let best: { value: number; count: number; seq: number; slot: number } | null = null;
    for (const [value, t] of tally) {
      if (best === null || t.count > best.count || (t.count === best.count && t.seq > best.seq))
        best = { value, ...t };
    }
    return { value: best!.value, userName: this.names[best!.slot]! };
  }
}
