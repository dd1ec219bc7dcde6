// Resident memory and CPU time of a child process, read from /proc like `ps` does. Linux only; elsewhere the
// figures are reported as unavailable rather than guessed.
import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times; 100 on every Linux the bench runs on (getconf CLK_TCK). */
const CLK_TCK = 100;

export interface ProcSample {
  /** Epoch ms of the sample. */
  at: number;
  rssMb: number;
  /** utime + stime in seconds since the process started. */
  cpuSec: number;
}

export function readProcSample(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!rss || !Number.isFinite(utime) || !Number.isFinite(stime)) return null;
    return { at: Date.now(), rssMb: Number(rss[1]) / 1024, cpuSec: (utime + stime) / CLK_TCK };
  } catch {
    return null;
  }
}

/** CPU use between two samples as a percentage of one core. */
export function cpuPercent(a: ProcSample, b: ProcSample): number {
  const wall = (b.at - a.at) / 1000;
  return wall > 0 ? ((b.cpuSec - a.cpuSec) / wall) * 100 : 0;
}

/** Samples a process every `intervalMs` until stopped. */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    intervalMs = 1000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): ProcSample | null {
    const s = readProcSample(this.pid);
    if (s) this.samples.push(s);
    return s;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

export interface UdpCounters {
  /** Datagrams dropped because a receiving socket's buffer was full (system-wide). */
  rcvbufErrors: number;
  /** Datagrams that could not be sent because a socket's send buffer was full (system-wide). */
  sndbufErrors: number;
}

/**
 * The kernel's UDP counters (/proc/net/snmp). System-wide, but on a loopback bench the only busy UDP sockets
 * are ours: a rise in RcvbufErrors during a run means datagrams were dropped at the receiver, which tells a
 * "lost" caused by the bench's own receiver falling behind apart from one caused by the subject.
 */
export function readUdpCounters(text?: string): UdpCounters | null {
  let snmp = text;
  if (snmp === undefined) {
    try {
      snmp = readFileSync('/proc/net/snmp', 'utf8');
    } catch {
      return null;
    }
  }
  const lines = snmp.split('\n').filter((l) => l.startsWith('Udp: '));
  if (lines.length < 2) return null;
  const names = lines[0]!.split(/\s+/).slice(1);
  const values = lines[1]!.split(/\s+/).slice(1).map(Number);
  const get = (name: string): number => values[names.indexOf(name)] ?? NaN;
  const counters = { rcvbufErrors: get('RcvbufErrors'), sndbufErrors: get('SndbufErrors') };
  return Number.isFinite(counters.rcvbufErrors) && Number.isFinite(counters.sndbufErrors) ? counters : null;
}
