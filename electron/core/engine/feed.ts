// The UI's command feed between two snapshot ticks: bounded, so a flood of chat costs fixed memory and the
// UI is told how many rows it missed instead of being sent all of them.
import type { CommandEvent } from '../../../shared/domain';

export class FeedBuffer {
  private events: CommandEvent[] = [];
  private dropped = 0;

  constructor(private readonly capacity: number) {}

  push(event: CommandEvent): void {
    if (this.events.length < this.capacity) this.events.push(event);
    else this.dropped++;
  }

  size(): number {
    return this.events.length + this.dropped;
  }

  drain(): { events: CommandEvent[]; dropped: number } {
    const batch = { events: this.events, dropped: this.dropped };
    this.events = [];
    this.dropped = 0;
    return batch;
  }
}
