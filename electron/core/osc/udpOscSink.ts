// The OSC output: one float32 per change, sent over UDP to every configured target (Max/MSP, Pure Data,
// VCV Rack...). Everything that can be decided once is decided in createUdpOscSink: host names are resolved
// once (dgram would resolve a name on every send), the bytes of `<address> ,f` are built once per variable,
// and each target gets one connected socket. Per send the hot path allocates exactly one small Buffer:
// dgram.send reads its buffer after the call returns, so a reused buffer could go out with the next value.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { OscSink } from '../ports';
import { oscAddressProblem, oscFloatPrefix, packOscFloat } from './oscAddress';
import { CountQueue } from './countQueue';

export interface OscTargetSpec {
  host: string;
  port: number;
}

export interface ResolvedOscTarget extends OscTargetSpec {
  /** The IP the host name resolved to at creation (a new sink resolves again). */
  ip: string;
  family: 4 | 6;
}

/** A target that cannot be used; `host` names it so the UI can show the message beside the field. */
export class OscTargetError extends Error {
  override name = 'OscTargetError';
  constructor(
    message: string,
    readonly host: string,
  ) {
    super(message);
  }
}

export interface UdpOscSinkStats {
  /** OSC messages handed to the network, per target (a bundle counts each message it holds). */
  sent: number;
  errors: number;
  /** The most recent error, readable (`ECONNREFUSED: nothing listening on 127.0.0.1:7400`), or null. */
  lastError: string | null;
}

/** `#bundle\0` followed by the time tag 1, which OSC defines as "immediately". */
const BUNDLE_HEADER = Buffer.from([0x23, 0x62, 0x75, 0x6e, 0x64, 0x6c, 0x65, 0x00, 0, 0, 0, 0, 0, 0, 0, 1]);
/** Stay well under the 65,507-byte UDP payload limit; bigger change sets go as single messages. */
const MAX_BUNDLE_BYTES = 60_000;

export class UdpOscSink implements OscSink {
  private sentCount = 0;
  private errorCount = 0;
  private lastErrorText: string | null = null;
  private inFlight = 0;
  private closed = false;
  private closing: Promise<void> | null = null;
  private onDrained: (() => void) | null = null;
  /**
   * Messages in each datagram still in flight, per socket: a bundle holds several, and `sent` counts
   * messages (what a patch receives), not datagrams. dgram completes one socket's sends in order (a send
   * that went out synchronously while an earlier one waited could in principle call back first: then two
   * counts swap, and the total stays exact unless one of the two failed), so a FIFO per socket pairs each
   * callback with its datagram without a closure per send.
   */
  private readonly inFlightCounts: CountQueue[];
  private readonly sentCallbacks: ((err: Error | null) => void)[];

  /** Use createUdpOscSink: construction needs resolved targets and connected sockets. */
  constructor(
    private readonly resolvedTargets: readonly ResolvedOscTarget[],
    private readonly sockets: readonly dgram.Socket[],
    readonly addresses: readonly string[],
    private readonly prefixes: readonly Buffer[],
  ) {
    this.inFlightCounts = sockets.map(() => new CountQueue());
    // Created once per socket, so a send allocates no closure.
    this.sentCallbacks = sockets.map((_, i) => (err: Error | null) => this.onSent(i, err));
    sockets.forEach((socket, i) => {
      const t = resolvedTargets[i]!;
      // A connected UDP socket learns from ICMP that nobody listens (ECONNREFUSED) and reports it as an
      // 'error' event; without a listener that event would crash the process.
      socket.on('error', (err) => this.recordError(err, `${t.host}:${t.port}`));
    });
  }

  targets(): readonly ResolvedOscTarget[] {
    return this.resolvedTargets;
  }

  send(addressIndex: number, value: number): void {
    const prefix = this.prefixes[addressIndex];
    if (prefix === undefined)
      throw new RangeError(`no OSC address at index ${addressIndex} (this sink has ${this.prefixes.length})`);
    if (this.closed) return;
    if (!Number.isFinite(value)) {
      this.recordError(null, `refused to send ${value} to ${this.addresses[addressIndex]}`);
      return;
    }
    const length = prefix.length;
    const buf = Buffer.allocUnsafe(length + 4);
    prefix.copy(buf, 0, 0, length);
    buf.writeFloatBE(value, length);
    this.transmit(buf, 1);
  }

  /**
   * The first `count` changes (`indices[i]` gets `values[i]`) as one datagram per target: a plain message
   * for one change, else an OSC bundle with time tag "immediately" holding one message per change in order,
   * so a receiver applies them together and still sees every value. A non-finite value is left out (and
   * counted as an error); a set too big for one datagram goes as single messages.
   */
  sendBatch(indices: ArrayLike<number>, values: ArrayLike<number>, count: number): void {
    if (count <= 0 || this.closed) return;
    if (count === 1) {
      this.send(indices[0]!, values[0]!);
      return;
    }
    let size = BUNDLE_HEADER.length;
    let messages = 0;
    for (let i = 0; i < count; i++) {
      const prefix = this.prefixes[indices[i]!];
      if (prefix === undefined)
        throw new RangeError(`no OSC address at index ${indices[i]} (this sink has ${this.prefixes.length})`);
      if (!Number.isFinite(values[i]!)) continue;
      size += 4 + prefix.length + 4;
      messages++;
    }
    if (messages < count || size > MAX_BUNDLE_BYTES) {
      // Rare: send() reports each bad value; an oversized set goes message by message.
      if (messages < 2 || size > MAX_BUNDLE_BYTES) {
        for (let i = 0; i < count; i++) this.send(indices[i]!, values[i]!);
        return;
      }
      for (let i = 0; i < count; i++)
        if (!Number.isFinite(values[i]!))
          this.recordError(null, `refused to send ${values[i]} to ${this.addresses[indices[i]!]}`);
    }
    const buf = Buffer.allocUnsafe(size);
    BUNDLE_HEADER.copy(buf, 0);
    let pos = BUNDLE_HEADER.length;
    for (let i = 0; i < count; i++) {
      const value = values[i]!;
      if (!Number.isFinite(value)) continue;
      const prefix = this.prefixes[indices[i]!]!;
      buf.writeInt32BE(prefix.length + 4, pos);
      pos += 4;
      prefix.copy(buf, pos);
      pos += prefix.length;
      buf.writeFloatBE(value, pos);
      pos += 4;
    }
    this.transmit(buf, messages);
  }

  /** sendBatch() for a list of `[addressIndex, value]` pairs (tests, tools; the engine uses sendBatch). */
  sendBundle(changes: ReadonlyArray<readonly [addressIndex: number, value: number]>): void {
    this.sendBatch(
      changes.map((c) => c[0]),
      changes.map((c) => c[1]),
      changes.length,
    );
  }

  /** One value to any valid address (the UI's "send test value"); throws a readable error for bad input. */
  sendTest(address: string, value: number): void {
    const problem = oscAddressProblem(address);
    if (problem) throw new Error(problem);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new Error(`test value must be a finite number, got ${String(value)}`);
    if (this.closed) throw new Error('the OSC output is closed');
    this.transmit(packOscFloat(address, value), 1);
  }

  stats(): UdpOscSinkStats {
    return { sent: this.sentCount, errors: this.errorCount, lastError: this.lastErrorText };
  }

  /** Stops accepting sends, waits for every datagram already handed to dgram, then closes the sockets. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.closing = (async () => {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
      await Promise.all(this.sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    })();
    return this.closing;
  }

  private transmit(buf: Buffer, messages: number): void {
    const sockets = this.sockets;
    for (let i = 0; i < sockets.length; i++) {
      this.inFlightCounts[i]!.push(messages);
      this.inFlight++;
      sockets[i]!.send(buf, this.sentCallbacks[i]);
    }
  }

  private onSent(socketIndex: number, err: Error | null): void {
    const messages = this.inFlightCounts[socketIndex]!.shift();
    this.inFlight--;
    if (err) this.recordError(err, 'send failed');
    else this.sentCount += messages;
    if (this.inFlight === 0 && this.onDrained) {
      const drained = this.onDrained;
      this.onDrained = null;
      drained();
    }
  }

  private recordError(err: (Error & { code?: string }) | null, context: string): void {
    this.errorCount++;
    if (err === null) this.lastErrorText = context;
    else if (err.code === 'ECONNREFUSED')
      this.lastErrorText = `ECONNREFUSED: nothing is listening on ${context}`;
    else this.lastErrorText = `${err.code ?? err.message}: ${context}`;
  }
}

/** Resolve a target's host once. `localhost` is taken as 127.0.0.1: Max's [udpreceive] listens on IPv4. */
export async function resolveOscTarget(target: OscTargetSpec): Promise<ResolvedOscTarget> {
  const host = typeof target?.host === 'string' ? target.host.trim() : '';
  if (!host) throw new OscTargetError('OSC target host is empty', String(target?.host ?? ''));
  const port = target.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new OscTargetError(`OSC target port must be a whole number 1–65535, got ${String(port)}`, host);
  if (host.toLowerCase() === 'localhost') return { host, port, ip: '127.0.0.1', family: 4 };
  const literal = isIP(host);
  if (literal) return { host, port, ip: host, family: literal === 6 ? 6 : 4 };
  try {
    const { address, family } = await lookup(host);
    return { host, port, ip: address, family: family === 6 ? 6 : 4 };
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err as Error).message;
    throw new OscTargetError(`OSC target host "${host}" does not resolve (${code})`, host);
  }
}

/**
 * Build a sink for `targets` that sends floats to `addresses` (index = the variable's index in the config).
 * Rejects with a readable error naming the bad host, port or address; nothing is left open on failure.
 * When targets or addresses change, create a new sink and close the old one.
 */
export async function createUdpOscSink(
  targets: readonly OscTargetSpec[],
  addresses: readonly string[],
): Promise<UdpOscSink> {
  if (!Array.isArray(targets) || targets.length === 0) throw new Error('at least one OSC target is required');
  addresses.forEach((address, i) => {
    const problem = oscAddressProblem(address);
    if (problem) throw new Error(`addresses[${i}]: ${problem}`);
  });
  const prefixes = addresses.map(oscFloatPrefix);
  const resolved = await Promise.all(targets.map(resolveOscTarget));
  const sockets: dgram.Socket[] = [];
  try {
    for (const t of resolved) sockets.push(await connectedSocket(t));
  } catch (err) {
    for (const s of sockets) s.close();
    throw err;
  }
  return new UdpOscSink(resolved, sockets, [...addresses], prefixes);
}

function connectedSocket(t: ResolvedOscTarget): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(t.family === 6 ? 'udp6' : 'udp4');
    const fail = (err: Error & { code?: string }): void => {
      socket.close();
      reject(new OscTargetError(`cannot send to ${t.host}:${t.port} (${err.code ?? err.message})`, t.host));
    };
    socket.once('error', fail);
    socket.connect(t.port, t.ip, () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}
