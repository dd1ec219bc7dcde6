import { describe, expect, it } from 'vitest';
import { bucketQuantileBetween, counterDelta, parseStageBuckets } from '../../bench/subjects/engineState';
import { cpuPercent, readProcSample, readUdpCounters } from '../../bench/subjects/procStats';
import type { EngineStateSnapshot } from '../../shared/domain';

const metrics = (counts: number[]) =>
  [
    '# TYPE twitchcv_latency_seconds histogram',
    `twitchcv_latency_seconds_bucket{stage="process",le="0.00025"} ${counts[0]}`,
    `twitchcv_latency_seconds_bucket{stage="process",le="0.0005"} ${counts[1]}`,
    `twitchcv_latency_seconds_bucket{stage="process",le="0.001"} ${counts[2]}`,
    `twitchcv_latency_seconds_bucket{stage="process",le="+Inf"} ${counts[3]}`,
    'twitchcv_latency_seconds_bucket{stage="twitch",le="0.00025"} 999',
  ].join('\n');

describe('in-process latency between two /metrics scrapes', () => {
  it('parses only the process stage, bounds in ms', () => {
    const b = parseStageBuckets(metrics([1, 2, 3, 4]), 'process')!;
    expect(b.boundsMs).toEqual([0.25, 0.5, 1, Infinity]);
    expect(b.cumulative).toEqual([1, 2, 3, 4]);
    expect(parseStageBuckets('nothing here', 'process')).toBeNull();
    expect(parseStageBuckets(metrics([1, 2, 3, 4]), 'twitch')!.cumulative).toEqual([999]);
  });

  it('gives the bucket bound holding the P99 of what happened in between', () => {
    const a = parseStageBuckets(metrics([1000, 1000, 1000, 1000]), 'process')!;
    const b = parseStageBuckets(metrics([1990, 2000, 2000, 2000]), 'process')!; // 1000 new: 990 ≤ 0.25, 10 ≤ 0.5
    expect(bucketQuantileBetween(a, b, 0.99)).toBe(0.25);
    expect(bucketQuantileBetween(a, b, 0.995)).toBe(0.5);
    const c = parseStageBuckets(metrics([1000, 1000, 1000, 1100]), 'process')!;
    expect(bucketQuantileBetween(a, c, 0.99)).toBe(Infinity);
    expect(bucketQuantileBetween(a, a, 0.99)).toBeNull();
    expect(bucketQuantileBetween(null, a, 0.99)).toBeNull();
  });
});

describe('counterDelta', () => {
  it('subtracts counters and keeps only reasons that moved', () => {
    const snap = (accepted: number, overloaded: number) =>
      ({
        counters: {
          received: accepted + overloaded + 1,
          accepted,
          refused: overloaded + 1,
          byReason: { overloaded, duplicate: 1 },
        },
      }) as unknown as EngineStateSnapshot;
    expect(counterDelta(snap(10, 0), snap(15, 4))).toEqual({
      received: 9,
      accepted: 5,
      refused: 4,
      byReason: { overloaded: 4 },
    });
    expect(counterDelta(snap(10, 0), null)).toBeNull();
  });
});

describe('procStats', () => {
  it('reads this process`s RSS and CPU time from /proc', () => {
    const a = readProcSample(process.pid);
    if (process.platform !== 'linux') return expect(a).toBeNull();
    expect(a!.rssMb).toBeGreaterThan(10);
    let x = 0;
    const until = Date.now() + 50;
    while (Date.now() < until) x += Math.sqrt(x + 1);
    const b = readProcSample(process.pid)!;
    expect(b.cpuSec).toBeGreaterThanOrEqual(a!.cpuSec);
    expect(cpuPercent({ ...a!, at: 0, cpuSec: 1 }, { ...b, at: 2000, cpuSec: 2 })).toBe(50);
  });

  it('returns null for a process that does not exist', () => {
    expect(readProcSample(2 ** 22 + 12345)).toBeNull();
  });
});

describe('readUdpCounters', () => {
  it('reads the receive- and send-buffer drop counters by column name', () => {
    const snmp = [
      'Ip: Forwarding DefaultTTL',
      'Ip: 1 64',
      'Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors',
      'Udp: 2621149 28 1377186 3999246 1377185 7 0 0 0',
      'UdpLite: InDatagrams NoPorts',
      'UdpLite: 0 0',
    ].join('\n');
    expect(readUdpCounters(snmp)).toEqual({ rcvbufErrors: 1377185, sndbufErrors: 7 });
    expect(readUdpCounters('Udp: InDatagrams\nUdp: 5')).toBeNull();
  });
});
