// A bounded "seen recently" set for Twitch message ids: tmi.js can deliver the same message twice around a
// reconnect (tmi.js #472), and we must not apply a viewer's command twice. O(1) per id, fixed memory.
import { detached } from './fastPrivmsg';

export class RecentIds {
  private readonly seen = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.ring = new Array<string | undefined>(capacity);
  }

  /** True the first time an id is offered (and remembers it); false for an id among the last `capacity`. */
  add(id: string): boolean {
    if (this.seen.has(id)) return false;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.seen.delete(evicted);
    // Kept for 10,000 messages: a copy, so it does not keep the WebSocket frame it was cut from alive.
    const kept = detached(id);
    this.ring[this.next] = kept;
    this.seen.add(kept);
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
