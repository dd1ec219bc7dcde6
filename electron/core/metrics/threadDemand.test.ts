// The thread-demand probe on the real kernel: a spinning thread is running or runnable all of the time
// whatever else the machine does (so this holds on a loaded CI machine too), and a sleeping one almost never.
import { describe, expect, it } from 'vitest';
import { parseSchedstat, threadDemandProbe } from './threadDemand';

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: the thread never sleeps
  }
}

describe('parseSchedstat', () => {
  it('reads run time and run-queue wait in nanoseconds', () => {
    expect(parseSchedstat('54243688 302421 32\n')).toEqual({ runNs: 54_243_688, waitNs: 302_421 });
  });

  it('refuses any other shape rather than guess', () => {
    expect(parseSchedstat('')).toBeNull();
    expect(parseSchedstat('54243688 302421\n')).toBeNull();
    expect(parseSchedstat('a b c\n')).toBeNull();
  });
});

const linux = process.platform === 'linux';
if (!linux)
  console.log(
    `threadDemand: live probe tests skipped: /proc/thread-self/schedstat is Linux-only (${process.platform})`,
  );

describe.runIf(linux)('threadDemandProbe on this kernel', () => {
  it('says ~1 for a thread that never sleeps and ~0 for one asleep in the event loop', async () => {
    const probe = threadDemandProbe();
    expect(probe, 'Linux without /proc/thread-self/schedstat').not.toBeNull();
    probe!();
    spin(150);
    expect(probe!()).toBeGreaterThan(0.95);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(probe!()).toBeLessThan(0.3);
  });
});
