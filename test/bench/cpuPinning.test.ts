// Core isolation for the stress scenario: CPU lists parsed as taskset prints them, and on a Linux machine with
// two or more CPUs a real child process pinned and read back.
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCpuList, pinProcess, planCoreSplit } from '../../bench/subjects/cpuPinning';

describe('parseCpuList', () => {
  it('reads single CPUs, ranges and mixes', () => {
    expect(parseCpuList('0')).toEqual([0]);
    expect(parseCpuList(' 0-2,5\n')).toEqual([0, 1, 2, 5]);
    expect(() => parseCpuList('0-a')).toThrow(/not a CPU list/);
  });
});

const split = planCoreSplit();
const canPin = !('unavailable' in split);
if (!canPin) console.log(`cpuPinning: live pinning test skipped: ${split.unavailable}`);

describe.runIf(canPin)('pinning on this machine', () => {
  it('splits the CPUs between bench and subject, and pins every thread of a running child', async () => {
    if ('unavailable' in split) throw new Error(split.unavailable);
    const bench = parseCpuList(split.bench);
    const subject = parseCpuList(split.subject);
    expect(bench.length).toBeGreaterThan(0);
    expect(subject.length).toBeGreaterThan(0);
    expect(bench.filter((c) => subject.includes(c))).toEqual([]);
    expect([...bench, ...subject].sort()).toEqual(parseCpuList(split.all).sort());

    // A node child has several threads (V8 platform workers, libuv's pool): -a must reach all of them.
    const child = spawn(process.execPath, ['-e', 'console.log("up"); setTimeout(() => {}, 10000)'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      // Once it prints, Node's own threads exist (right after exec there is only one).
      await new Promise((resolve) => child.stdout.once('data', resolve));
      pinProcess(child.pid!, split.subject);
      const report = execFileSync('taskset', ['-a', '-c', '-p', String(child.pid)], { encoding: 'utf8' });
      const lists = report
        .trim()
        .split('\n')
        .map((line) => parseCpuList(line.slice(line.lastIndexOf(':') + 1)));
      expect(lists.length).toBeGreaterThan(1);
      for (const list of lists) expect(list).toEqual(subject);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
