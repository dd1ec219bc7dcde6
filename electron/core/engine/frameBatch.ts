// What one chat frame produced, held until the frame ends: the OSC changes (sent then as one datagram per
// target, a bundle when there are several) and the frame's decisions (published after that send, so the
// in-process latency of each accepted command includes the send it waited for). Lines of one WebSocket frame
// arrive together; sending each line's change with its own 15–25 µs syscall made the frame's last lines wait
// for all the sends before them, which was most of the P99 at 10,000 commands/s.
import type { CommandEvent } from '../../../shared/domain';
import type { OscSink } from '../ports';

const INITIAL_CAPACITY = 64;

/** A copy of `array` with twice the room (typed arrays cannot grow in place). Kept: a frame this big may recur. */
function doubled<T extends Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Pending (variable index, output value) pairs in typed arrays: no allocation per change. */
export class ChangeBatch {
  private indices = new Int32Array(INITIAL_CAPACITY);
  private values = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(index: number, value: number): void {
    if (this.count === this.indices.length) {
      // A frame with more changes than ever before.
      this.indices = doubled(this.indices);
      this.values = doubled(this.values);
    }
    this.indices[this.count] = index;
    this.values[this.count] = value;
    this.count++;
  }

  /** Sends every pending change (nothing if none) and empties the batch, even if the sink throws. */
  sendTo(osc: OscSink): void {
    const count = this.count;
    if (count === 0) return;
    this.count = 0;
    osc.sendBatch(this.indices, this.values, count);
  }
}

/** The frame's decisions in processing order, with each one's arrival time. */
export class PendingDecisions {
  private readonly events: (CommandEvent | null)[] = [];
  private arrivals = new Float64Array(INITIAL_CAPACITY);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(event: CommandEvent, arrivalMs: number): void {
    if (this.count === this.arrivals.length) this.arrivals = doubled(this.arrivals);
    this.events[this.count] = event;
    this.arrivals[this.count] = arrivalMs;
    this.count++;
  }

  /**
   * Hands each decision, oldest first, to `publish` with its arrival time, then forgets them (the slots are
   * cleared so a published event is not kept alive here).
   */
  drain(publish: (event: CommandEvent, arrivalMs: number) => void): void {
    const count = this.count;
    this.count = 0;
    for (let i = 0; i < count; i++) {
      const event = this.events[i]!;
      this.events[i] = null;
      publish(event, this.arrivals[i]!);
    }
  }
}
