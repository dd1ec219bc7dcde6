// The UDP end of the bench: what a Max/MSP patch would receive. Every datagram is decoded as OSC and each
// float32 argument is taken as a sequence number and matched in the SeqTable. The receive path does only
// that (decode, one table write): statistics are computed from the table afterwards, so the receiver's own
// cost stays small and does not bias the latency it measures.
import dgram from 'node:dgram';
import { decodeOscPacket } from '../../electron/core/osc/oscDecode';
import { microsSince } from '../clock';
import { DUPLICATE_SEQ, UNKNOWN_SEQ, type SeqTable } from './seqTable';

/** Linux caps this at net.core.rmem_max (4 MB here); asking for more just gets the cap. */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

export interface ReceiverCounts {
  datagrams: number;
  matched: number;
  duplicates: number;
  /** Values that are not a sequence number we sent (the engine's start-up outputs, for example). */
  unknown: number;
  malformed: number;
  /** Epoch ms of the last datagram, for "has it gone quiet" checks while draining. */
  lastAt: number;
}

export class OscSeqReceiver {
  readonly counts: ReceiverCounts = {
    datagrams: 0,
    matched: 0,
    duplicates: 0,
    unknown: 0,
    malformed: 0,
    lastAt: 0,
  };
  lastMalformed: string | null = null;

  private constructor(
    private readonly socket: dgram.Socket,
    private readonly table: SeqTable,
    private readonly epochMs: number,
    readonly port: number,
  ) {
    socket.on('message', this.onDatagram);
  }

  static async start(table: SeqTable, epochMs: number): Promise<OscSeqReceiver> {
    const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => {}); // a receive-side error on loopback is not fatal to the run
    return new OscSeqReceiver(socket, table, epochMs, socket.address().port);
  }

  private readonly onDatagram = (data: Buffer): void => {
    const us = microsSince(this.epochMs);
    const c = this.counts;
    c.datagrams++;
    c.lastAt = this.epochMs + us / 1000;
    const single = singleFloat(data);
    if (single !== null) {
      this.match(single, us);
      return;
    }
    try {
      for (const m of decodeOscPacket(data)) {
        for (const a of m.args) if (typeof a === 'number') this.match(a, us);
      }
    } catch (err) {
      c.malformed++;
      this.lastMalformed = (err as Error).message;
    }
  };

  private match(value: number, us: number): void {
    const r = this.table.markReceived(Math.round(value), us);
    if (r === UNKNOWN_SEQ) this.counts.unknown++;
    else if (r === DUPLICATE_SEQ) this.counts.duplicates++;
    else this.counts.matched++;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * The common case decoded without allocating: one OSC message `<address> ,f <float32>`. Anything else
 * (bundles, other types) returns null and goes through the full decoder.
 */
export function singleFloat(data: Uint8Array): number | null {
  const n = data.length;
  if (n < 12 || n % 4 !== 0 || data[0] !== 0x2f /* / */) return null;
  let nul = 1;
  while (nul < n && data[nul] !== 0) nul++;
  const tags = (nul + 4) & ~3;
  if (tags + 8 !== n) return null;
  if (
    data[tags] !== 0x2c /* , */ ||
    data[tags + 1] !== 0x66 /* f */ ||
    data[tags + 2] !== 0 ||
    data[tags + 3] !== 0
  )
    return null;
  if (Buffer.isBuffer(data)) return data.readFloatBE(tags + 4);
  return new DataView(data.buffer, data.byteOffset, n).getFloat32(tags + 4);
}
