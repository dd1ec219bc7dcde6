// How much of the wall-clock time the JavaScript thread wanted a CPU: the time it ran plus the time it sat on
// the run queue, from Linux's per-thread scheduler statistics (/proc/thread-self/schedstat).
//
// Why not event-loop utilization alone: ELU counts everything between "epoll_wait called" and "epoll_wait
// returned" as idle. On a machine asked for more CPU than it has, a thread whose socket already holds data is
// woken but then waits for a core, and that wait lands in ELU's idle column although commands are queueing
// behind it. A thread that is running or runnable all the time is backlogged whether or not it got the CPU,
// and this measure says 1.0 for it; a thread asleep in epoll with nothing to read is the only idle one.
//
// Cost: open, one pread of ~30 bytes, close (procfs, no disk): 3 µs a call measured here, once per
// saturation interval (100 ms).
import { closeSync, openSync, readSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SCHEDSTAT_PATH = '/proc/thread-self/schedstat';

/** Nanoseconds the thread has run and has waited on a run queue, since it started. */
export interface SchedulerTimes {
  runNs: number;
  waitNs: number;
}

/**
 * Parses schedstat's "<run ns> <run-queue wait ns> <timeslices>". Returns null for anything else, so a kernel
 * that formats it differently disables the probe instead of feeding the guard nonsense.
 */
export function parseSchedstat(text: string): SchedulerTimes | null {
  const match = /^(\d+) (\d+) \d+\s*$/.exec(text);
  if (!match) return null;
  return { runNs: Number(match[1]), waitNs: Number(match[2]) };
}

function readSchedulerTimes(buffer: Buffer): SchedulerTimes | null {
  let fd: number;
  try {
    fd = openSync(SCHEDSTAT_PATH, 'r');
  } catch {
    return null;
  }
  try {
    const bytes = readSync(fd, buffer, 0, buffer.length, 0);
    return parseSchedstat(buffer.toString('latin1', 0, bytes));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * A probe returning, at each call, the fraction (0..1) of the wall time since the previous call that the
 * calling thread was running or waiting to run. Null where the kernel does not expose it (macOS, Windows,
 * a Linux built without scheduler info): the caller falls back to event-loop utilization.
 * The file is opened from the calling thread, so create the probe on the thread it should watch.
 */
export function threadDemandProbe(): (() => number) | null {
  if (process.platform !== 'linux') return null;
  const buffer = Buffer.alloc(96);
  const first = readSchedulerTimes(buffer);
  if (!first) return null;
  let lastBusyNs = first.runNs + first.waitNs;
  let lastWallMs = performance.now();
  return () => {
    const times = readSchedulerTimes(buffer);
    const wallMs = performance.now();
    const elapsedMs = wallMs - lastWallMs;
    if (!times || elapsedMs <= 0) return 0;
    const busyNs = times.runNs + times.waitNs;
    const demand = (busyNs - lastBusyNs) / 1e6 / elapsedMs;
    lastBusyNs = busyNs;
    lastWallMs = wallMs;
    // The two clocks are read a few microseconds apart: clamp the rounding, not the signal.
    return demand < 0 ? 0 : demand > 1 ? 1 : demand;
  };
}
