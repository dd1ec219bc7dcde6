// The sink's bookkeeping of how many OSC messages each in-flight datagram holds.
/** A FIFO of small counts in a growable ring: no allocation per push once it has grown to the backlog. */
export class CountQueue {
  private ring = new Uint32Array(64);
  private head = 0;
  private size = 0;

  push(n: number): void {
    if (this.size === this.ring.length) {
      const bigger = new Uint32Array(this.ring.length * 2);
      for (let i = 0; i < this.size; i++) bigger[i] = this.ring[(this.head + i) % this.ring.length]!;
      this.ring = bigger;
      this.head = 0;
    }
    this.ring[(this.head + this.size) % this.ring.length] = n;
    this.size++;
  }

  /** The oldest count; 1 if empty (never expected: one callback per datagram). */
  shift(): number {
    if (this.size === 0) return 1;
    const n = this.ring[this.head]!;
    this.head = (this.head + 1) % this.ring.length;
    this.size--;
    return n;
  }
}
