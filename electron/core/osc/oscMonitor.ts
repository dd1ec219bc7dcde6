// `twitch-cv osc-monitor`: print every OSC message that arrives on a UDP port, the way liblo's `oscdump`
// does, so a streamer can check their patch wiring (and the demo can show what a patch would receive).
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { decodeOscPacket, type OscArg, type OscDecodedMessage } from './oscDecode';

export interface OscMonitorOptions {
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  onMessage?: (message: OscDecodedMessage, rinfo: dgram.RemoteInfo) => void;
  /** Where lines go; console.log by default. */
  print?: (line: string) => void;
}

export interface OscMonitor {
  port: number;
  close(): Promise<void>;
}

/** The shortest decimal that reads back as the same float32: 0.7, not 0.699999988079071. */
export function formatFloat32(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

function formatArg(type: string, arg: OscArg): string {
  if (type === 'f') return formatFloat32(arg as number);
  if (typeof arg === 'string') return JSON.stringify(arg);
  if (arg instanceof Uint8Array) return `<blob ${arg.byteLength} bytes>`;
  if (arg === null) return 'nil';
  if (arg === Infinity) return 'inf';
  return String(arg);
}

/** `/cv/cutoff ,f 0.7` — address, type tags, then each argument. */
export function formatOscMessage(message: OscDecodedMessage): string {
  let line = `${message.address} ${message.types}`;
  let argIndex = 0;
  for (let i = 1; i < message.types.length; i++) {
    const type = message.types[i]!;
    if (type === '[' || type === ']') continue;
    line += ` ${formatArg(type, message.args[argIndex++]!)}`;
  }
  return line;
}

export function startOscMonitor(options: OscMonitorOptions): Promise<OscMonitor> {
  const host = options.host ?? '127.0.0.1';
  const print = options.print ?? ((line: string) => console.log(line));
  const { port, onMessage } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return Promise.reject(new Error(`osc-monitor port must be a whole number 0–65535, got ${String(port)}`));
  const socket = dgram.createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
  socket.on('message', (data, rinfo) => {
    let messages: OscDecodedMessage[];
    try {
      messages = decodeOscPacket(data);
    } catch (err) {
      print(
        `malformed packet from ${rinfo.address}:${rinfo.port} (${data.length} bytes): ${(err as Error).message}`,
      );
      return;
    }
    for (const m of messages) {
      print(formatOscMessage(m));
      onMessage?.(m, rinfo);
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('error', (err: Error & { code?: string }) => {
      socket.close();
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use (is your patch or another monitor listening there?)`
          : `${err.code ?? err.message}`;
      reject(new Error(`osc-monitor cannot listen on ${host}:${port}: ${why}`));
    });
    socket.bind(port, host, () => {
      socket.removeAllListeners('error');
      socket.on('error', (err) => print(`osc-monitor socket error: ${err.message}`));
      let closing: Promise<void> | null = null;
      resolve({
        port: socket.address().port,
        close: () => (closing ??= new Promise<void>((done) => socket.close(() => done()))),
      });
    });
  });
}
