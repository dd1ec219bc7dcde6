// Keeping the bench and the subject on separate cores (Linux `taskset`), for the scenario that drives a
// subject past a whole core. Unpinned, a saturated subject and the bench's receiver share every core, the
// receiver is preempted for scheduler slices of several milliseconds, and that lands in every subject's
// end-to-end figures: the raw forwarder at 75 % CPU measured a P99 of 24.6 ms at 170,000/s. Pinned, what the
// receiver sees is mostly the subject's own lateness. Measured here (engine only, stress scenario): while
// shedding at 221,000/s, P99 of what was accepted 11.0–13.6 ms unpinned (3 runs, 5 steps) and 7.1 ms pinned
// (2 steps).
import { execFileSync } from 'node:child_process';

export interface CoreSplit {
  /** CPU lists in taskset's syntax ("0", "2-3", "0,4"). */
  bench: string;
  subject: string;
  /** What the bench had before, to give it back afterwards. */
  all: string;
}

/** "0-2,5" → [0, 1, 2, 5]. */
export function parseCpuList(list: string): number[] {
  const cpus: number[] = [];
  for (const part of list.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`not a CPU list: ${JSON.stringify(list)}`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let c = from; c <= to; c++) cpus.push(c);
  }
  return cpus;
}

/** The CPUs a process may run on, from `taskset -c -p` ("pid 42's current affinity list: 0,1"). */
function affinityOf(pid: number): number[] {
  const out = execFileSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' });
  const list = out.slice(out.lastIndexOf(':') + 1);
  return parseCpuList(list);
}

/**
 * The bench on the first half of the CPUs it may use, the subject on the rest. Null (with the reason) where
 * that cannot be done: not Linux, no taskset, or a single CPU.
 */
export function planCoreSplit(): CoreSplit | { unavailable: string } {
  if (process.platform !== 'linux') return { unavailable: `not on Linux (${process.platform})` };
  let cpus: number[];
  try {
    cpus = affinityOf(process.pid);
  } catch (err) {
    return { unavailable: `taskset did not answer (${(err as Error).message.split('\n')[0]})` };
  }
  if (cpus.length < 2) return { unavailable: `only ${cpus.length} CPU available to the bench` };
  const half = Math.floor(cpus.length / 2);
  return {
    bench: cpus.slice(0, half).join(','),
    subject: cpus.slice(half).join(','),
    all: cpus.join(','),
  };
}

/**
 * Pins every thread of `pid` to `cpus`. Threads started later inherit the mask of the thread that starts them,
 * so pinning right after a child starts covers the workers it starts afterwards.
 */
export function pinProcess(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' });
}
