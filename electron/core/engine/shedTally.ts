// What the analytics trail keeps of commands shed as `overloaded`: one row per channel per second, counting
// them, instead of one row per command.
//
// Why: shedding exists because the engine cannot keep up; writing a row for every shed command would hand
// the same flood to the store worker (at 170,000 commands/s it took a whole core for SQLite inserts, and on
// a 2-core machine that starved the very thread the shedding was protecting, so the backlog it was meant to
// cut grew to seconds). A tally is O(1) per command and allocates nothing. Every other outcome, accepted or
// refused, keeps its own row; the counters (/metrics, the dashboard) still count every shed command.
import type { CommandEvent } from '../../../shared/domain';

/** The `raw` text of a tally row: says what the row is, since it stands for many commands. */
export function shedSummaryText(count: number): string {
  return `(${count} command${count === 1 ? '' : 's'} shed: the engine was overloaded)`;
}

export class ShedTally {
  private readonly counts = new Map<string, number>();
  private second = -1;
  private total = 0;

  /** @param emit receives one summary row per channel when a second is over (or on flush). */
  constructor(private readonly emit: (row: CommandEvent) => void) {}

  /** Hot path: counts one shed command. Rows for the previous second go out first. */
  add(channel: string, wallNow: number): void {
    const second = Math.floor(wallNow / 1000);
    if (second !== this.second) {
      if (this.total > 0) this.flush(wallNow);
      this.second = second;
    }
    this.counts.set(channel, (this.counts.get(channel) ?? 0) + 1);
    this.total++;
  }

  /** Emits the rows of a second that is over (called once a second, so a quiet channel is not left open). */
  flushIfOver(wallNow: number): void {
    if (this.total > 0 && Math.floor(wallNow / 1000) !== this.second) this.flush(wallNow);
  }

  /** Emits whatever is counted (shutdown, or the second is over). */
  flush(wallNow: number): void {
    if (this.total === 0) return;
    // Stamped at the end of the second it counts (or now, if that is earlier: a flush at shutdown).
    const ts = Math.min(wallNow, (this.second + 1) * 1000 - 1);
    for (const [channel, count] of this.counts) {
      this.emit({
        ts,
        channel,
        userId: '',
        userName: '',
        variable: null,
        raw: shedSummaryText(count),
        value: count,
        outcome: 'refused',
        reason: 'overloaded',
        latencyUs: 0,
      });
    }
    this.counts.clear();
    this.total = 0;
  }
}
