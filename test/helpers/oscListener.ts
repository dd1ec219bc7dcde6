// A real OSC receiver for integration tests: binds UDP on 127.0.0.1 (port 0), decodes every datagram and
// records each message with its arrival time, so tests assert on what a patch would actually receive.
import dgram from 'node:dgram';
import { decodeOscPacket, type OscArg } from '../../electron/core/osc/oscDecode';

export interface ReceivedOscMessage {
  address: string;
  /** Type tag string with its comma, e.g. `,f`. */
  types: string;
  args: OscArg[];
  /** performance.now() when the datagram arrived (messages of one bundle share it). */
  receivedAtMs: number;
}

export interface MalformedDatagram {
  bytes: Buffer;
  error: string;
  receivedAtMs: number;
}

/** Returns true once it has settled (resolved); `cancel` rejects it when the listener closes. */
interface Waiter {
  poll(): boolean;
  cancel(): void;
}

export class OscListener {
  readonly messages: ReceivedOscMessage[] = [];
  readonly malformed: MalformedDatagram[] = [];
  /** Number of datagrams received (a bundle counts once). */
  datagrams = 0;
  private waiters = new Set<Waiter>();

  private constructor(
    private readonly socket: dgram.Socket,
    readonly host: string,
    readonly port: number,
  ) {
    socket.on('message', (data) => {
      const receivedAtMs = performance.now();
      this.datagrams++;
      try {
        for (const m of decodeOscPacket(data)) this.messages.push({ ...m, receivedAtMs });
      } catch (err) {
        this.malformed.push({ bytes: Buffer.from(data), error: (err as Error).message, receivedAtMs });
      }
      for (const waiter of this.waiters) if (waiter.poll()) this.waiters.delete(waiter);
    });
  }

  static async start(host = '127.0.0.1'): Promise<OscListener> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // A burst of sends from the same process arrives before this socket is read; the default 208 KB
    // receive buffer holds only ~270 small datagrams (the kernel caps the request at net.core.rmem_max).
    try {
      socket.setRecvBufferSize(8 * 1024 * 1024);
    } catch {
      // keep the default
    }
    return new OscListener(socket, host, socket.address().port);
  }

  /** The target to give the engine or the sink: `{ host: '127.0.0.1', port }`. */
  get target(): { host: string; port: number } {
    return { host: this.host, port: this.port };
  }

  /** Values of the first argument of every message received at `address`, in arrival order. */
  valuesAt(address: string): OscArg[] {
    return this.messages.filter((m) => m.address === address).map((m) => m.args[0]!);
  }

  /** The first message (already received or arriving later) that matches `predicate`. */
  waitFor(predicate: (m: ReceivedOscMessage) => boolean, timeoutMs = 2000): Promise<ReceivedOscMessage> {
    let checked = 0;
    return this.wait(
      () => {
        for (; checked < this.messages.length; checked++) {
          const m = this.messages[checked]!;
          if (predicate(m)) return m;
        }
        return undefined;
      },
      timeoutMs,
      'a matching OSC message',
    );
  }

  /** Resolves with all messages once at least `n` have arrived. */
  waitForCount(n: number, timeoutMs = 2000): Promise<ReceivedOscMessage[]> {
    return this.wait(
      () => (this.messages.length >= n ? this.messages : undefined),
      timeoutMs,
      `${n} OSC messages`,
    );
  }

  clear(): void {
    this.messages.length = 0;
    this.malformed.length = 0;
    this.datagrams = 0;
  }

  close(): Promise<void> {
    for (const waiter of this.waiters) waiter.cancel();
    this.waiters.clear();
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private wait<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const now = check();
      if (now !== undefined) {
        resolve(now);
        return;
      }
      const waiter: Waiter = {
        poll: () => {
          const result = check();
          if (result === undefined) return false;
          clearTimeout(timer);
          resolve(result);
          return true;
        },
        cancel: () => {
          clearTimeout(timer);
          reject(new Error(`the OSC listener closed while waiting for ${what}`));
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.messages
          .slice(-5)
          .map((m) => `${m.address} ${m.types} ${m.args.map(String).join(' ')}`)
          .join('; ');
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what} on udp ${this.host}:${this.port} ` +
              `(received ${this.messages.length} messages, ${this.malformed.length} malformed; last: ${recent || 'none'})`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
