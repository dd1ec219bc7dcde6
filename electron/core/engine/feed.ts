// The UI's live command feed between two snapshot ticks: the newest `capacity` decisions, and a count of the
// older ones it let go. Bounded on purpose: serializing every decision for the dashboard costs the thread that
// forwards chat (at 2,000 commands/s, JSON for 200 rows ten times a second), and nobody reads 2,000 rows a
// second off a screen. The full trail is in the analytics store; the UI says how many rows it was not sent.
import type { CommandEvent } from '../../../shared/domain';

export class FeedBuffer {
  private readonly ring: (CommandEvent | undefined)[];
  /** Index of the oldest kept event. */
  private start = 0;
  private count = 0;
  private dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.ring = new Array<CommandEvent | undefined>(capacity);
  }

  /** O(1). When full, the oldest kept event makes room and is counted as dropped. */
  push(event: CommandEvent): void {
    if (this.count < this.capacity) {
      this.ring[(this.start + this.count) % this.capacity] = event;
      this.count++;
      return;
    }
    this.ring[this.start] = event;
    this.start = (this.start + 1) % this.capacity;
    this.dropped++;
  }

  /** Kept events plus dropped ones: zero means nothing happened since the last drain. */
  size(): number {
    return this.count + this.dropped;
  }

  /** The kept events oldest first, and how many were dropped; empties the buffer. */
  drain(): { events: CommandEvent[]; dropped: number } {
    const events = new Array<CommandEvent>(this.count);
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % this.capacity;
      events[i] = this.ring[at]!;
      this.ring[at] = undefined; // let the drained events go
    }
    const batch = { events, dropped: this.dropped };
    this.start = 0;
    this.count = 0;
    this.dropped = 0;
    return batch;
  }
}
