// The matching table between what the fake server sent and what arrived over UDP. Every chat line carries a
// sequence number as its value; the subjects forward it as a float32, which represents every integer below
// 2^24 exactly, so the datagram's value IS the sequence number. The table lives in SharedArrayBuffers, so a
// sender in a worker thread and the receiver in the main thread write it without messages in between.

/** Sequence numbers stay below this (the engine's variable maps 0..MAX_SEQ onto itself). */
export const MAX_SEQ = 16_000_000;

export interface SeqTableBuffers {
  sent: SharedArrayBuffer;
  received: SharedArrayBuffer;
  meta: SharedArrayBuffer;
}

const MODERATOR_BIT = 0x80;
const PHASE_MASK = 0x7f;
/** The largest phase index the table can tag (7 bits). */
export const MAX_PHASES = PHASE_MASK + 1;

export const UNKNOWN_SEQ = -1;
export const DUPLICATE_SEQ = -2;

export class SeqTable {
  /** Send time per sequence number, µs since the run's epoch; 0 = never sent. */
  readonly sentUs: Uint32Array;
  /** Receipt time per sequence number, µs since the run's epoch; 0 = not (yet) received. */
  readonly receivedUs: Uint32Array;
  /** Phase index (low 7 bits) and a moderator flag (high bit). */
  readonly meta: Uint8Array;

  private constructor(readonly buffers: SeqTableBuffers) {
    this.sentUs = new Uint32Array(buffers.sent);
    this.receivedUs = new Uint32Array(buffers.received);
    this.meta = new Uint8Array(buffers.meta);
  }

  /** Room for sequence numbers 1 .. capacity-1. */
  static create(capacity: number): SeqTable {
    const n = Math.max(2, Math.min(MAX_SEQ, Math.ceil(capacity)));
    return new SeqTable({
      sent: new SharedArrayBuffer(n * 4),
      received: new SharedArrayBuffer(n * 4),
      meta: new SharedArrayBuffer(n),
    });
  }

  static attach(buffers: SeqTableBuffers): SeqTable {
    return new SeqTable(buffers);
  }

  get capacity(): number {
    return this.sentUs.length;
  }

  markSent(seq: number, us: number, phase: number, moderator: boolean): void {
    this.sentUs[seq] = us;
    this.meta[seq] = (phase & PHASE_MASK) | (moderator ? MODERATOR_BIT : 0);
  }

  /** Latency in µs, or UNKNOWN_SEQ (never sent: not ours) or DUPLICATE_SEQ (already received once). */
  markReceived(seq: number, us: number): number {
    if (!(seq >= 1 && seq < this.sentUs.length) || !Number.isInteger(seq)) return UNKNOWN_SEQ;
    const sent = this.sentUs[seq]!;
    if (sent === 0) return UNKNOWN_SEQ;
    if (this.receivedUs[seq] !== 0) return DUPLICATE_SEQ;
    this.receivedUs[seq] = us;
    return us >= sent ? us - sent : 0;
  }

  phaseOf(seq: number): number {
    return this.meta[seq]! & PHASE_MASK;
  }

  isModerator(seq: number): boolean {
    return (this.meta[seq]! & MODERATOR_BIT) !== 0;
  }

  /** Sent but not received among seq in [from, to), counted per phase index. */
  unreceived(from: number, to: number): { total: number; byPhase: number[] } {
    const byPhase: number[] = [];
    let total = 0;
    const end = Math.min(to, this.sentUs.length);
    for (let s = Math.max(1, from); s < end; s++) {
      if (this.sentUs[s] !== 0 && this.receivedUs[s] === 0) {
        total++;
        const p = this.meta[s]! & PHASE_MASK;
        byPhase[p] = (byPhase[p] ?? 0) + 1;
      }
    }
    return { total, byPhase };
  }
}
