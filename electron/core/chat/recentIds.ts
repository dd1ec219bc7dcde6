// A bounded "seen recently" set for Twitch message ids: tmi.js can deliver the same message twice around a
// reconnect (tmi.js #472), and we must not apply a viewer's command twice. O(1) per id, fixed memory.
//
// Why fingerprints in typed arrays instead of a Set of strings: every id stays for `capacity` messages (one
// second at 10,000/s), long enough to be promoted out of V8's young generation, so a Set of strings turned a
// steady 10,000 ids a second into old-generation garbage (heap growth between mark-compacts, and a busier
// scavenger that the chat thread waits for). Here an id is reduced to a 64-bit fingerprint (two independent
// 32-bit hashes of its characters) kept in preallocated arrays: add() allocates nothing. Two distinct ids
// share a fingerprint with probability about n²/2⁶⁵ (5 × 10⁻¹² for the 10,000 kept): a false "seen", which
// would refuse one chat line as a duplicate, is not a practical concern.

const EMPTY = 0;

export class RecentIds {
  /** Fingerprints in arrival order, two words each; `next` is the oldest (overwritten next). */
  private readonly ring: Uint32Array;
  /** Open addressing, linear probing: ring index + 1, or EMPTY. Kept at most a quarter full. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.ring = new Uint32Array(capacity * 2);
    let size = 8;
    while (size < capacity * 4) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  /** True the first time an id is offered (and remembers it); false for an id among the last `capacity`. */
  add(id: string): boolean {
    // Two hashes in one pass: FNV-1a and a multiplicative mix with another constant.
    let h1 = 0x811c9dc5;
    let h2 = 0x9e3779b9;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 + c, 0x85ebca6b);
      h2 ^= h2 >>> 13;
    }
    h1 >>>= 0;
    h2 = (h2 ^ (id.length << 16)) >>> 0;
    const { ring, table, mask } = this;
    for (let p = h1 & mask; table[p] !== EMPTY; p = (p + 1) & mask) {
      const at = (table[p]! - 1) * 2;
      if (ring[at] === h1 && ring[at + 1] === h2) return false;
    }
    if (this.count === this.capacity) this.forget(this.next);
    else this.count++;
    const slot = this.next;
    ring[slot * 2] = h1;
    ring[slot * 2 + 1] = h2;
    let p = h1 & mask;
    while (table[p] !== EMPTY) p = (p + 1) & mask;
    table[p] = slot + 1;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    return true;
  }

  get size(): number {
    return this.count;
  }

  /** Removes ring slot `slot` from the table (backward-shift deletion keeps every probe chain unbroken). */
  private forget(slot: number): void {
    const { ring, table, mask } = this;
    let i = ring[slot * 2]! & mask;
    while (table[i] !== slot + 1) i = (i + 1) & mask;
    table[i] = EMPTY;
    for (let j = (i + 1) & mask; table[j] !== EMPTY; j = (j + 1) & mask) {
      const home = ring[(table[j]! - 1) * 2]! & mask;
      // Move entry j into the hole at i unless its home lies cyclically in (i, j].
      const inRange = i <= j ? home > i && home <= j : home > i || home <= j;
      if (!inRange) {
        table[i] = table[j]!;
        table[j] = EMPTY;
        i = j;
      }
    }
  }
}
