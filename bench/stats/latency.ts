// Latency statistics for the bench, from the sequence table after (or during) a run. Percentiles come from
// an HDR histogram (hdr-histogram-js, pure-JS build: nothing to free, and the bench records off the receive
// path, so the WASM build's speed is not needed). Values are µs in, ms out.
import * as hdr from 'hdr-histogram-js';
import type { SeqTable } from '../load/seqTable';

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const NO_LATENCY: LatencyStats = Object.freeze({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });

/** 120 s in µs: anything slower is recorded as 120 s (a run never waits that long for a datagram). */
const HIGHEST_US = 120_000_000;

export class LatencyHistogram {
  private readonly h = hdr.build({
    useWebAssembly: false,
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
  private sum = 0;

  record(us: number): void {
    const v = us < 1 ? 1 : us > HIGHEST_US ? HIGHEST_US : Math.round(us);
    this.h.recordValue(v);
    this.sum += v;
  }

  get count(): number {
    return this.h.totalCount;
  }

  stats(): LatencyStats {
    const count = this.h.totalCount;
    if (count === 0) return { ...NO_LATENCY };
    return {
      count,
      p50: this.h.getValueAtPercentile(50) / 1000,
      p95: this.h.getValueAtPercentile(95) / 1000,
      p99: this.h.getValueAtPercentile(99) / 1000,
      max: this.h.maxValue / 1000,
      mean: this.sum / count / 1000,
    };
  }
}

export interface RangeSummary {
  sent: number;
  delivered: number;
  moderatorsSent: number;
  moderatorsDelivered: number;
  latency: LatencyStats;
  /** The same latency for moderators' commands alone (shed last, so past capacity they may wait longest). */
  moderatorsLatency: LatencyStats;
  /** And for everyone else's. */
  viewersLatency: LatencyStats;
}

/** Everything sent with sequence numbers in [from, to): how much arrived and how late. */
export function summarizeRange(table: SeqTable, from: number, to: number): RangeSummary {
  const h = new LatencyHistogram();
  const mods = new LatencyHistogram();
  const viewers = new LatencyHistogram();
  let sent = 0;
  let delivered = 0;
  let modSent = 0;
  let modDelivered = 0;
  const end = Math.min(to, table.capacity);
  for (let s = Math.max(1, from); s < end; s++) {
    const sentUs = table.sentUs[s]!;
    if (sentUs === 0) continue;
    sent++;
    const mod = table.isModerator(s);
    if (mod) modSent++;
    const rec = table.receivedUs[s]!;
    if (rec === 0) continue;
    delivered++;
    h.record(rec - sentUs);
    if (mod) {
      modDelivered++;
      mods.record(rec - sentUs);
    } else {
      viewers.record(rec - sentUs);
    }
  }
  return {
    sent,
    delivered,
    moderatorsSent: modSent,
    moderatorsDelivered: modDelivered,
    latency: h.stats(),
    moderatorsLatency: mods.stats(),
    viewersLatency: viewers.stats(),
  };
}

export interface WindowPoint {
  /** Window start in seconds since `originUs` (negative before it). */
  t: number;
  sent: number;
  delivered: number;
  latency: LatencyStats;
}

/**
 * Latency over time: the range cut into windows by SEND time, so a late datagram counts against the moment
 * its command was sent (what a viewer experiences), not the moment it finally arrived.
 */
export function windowSeries(
  table: SeqTable,
  from: number,
  to: number,
  windowMs: number,
  originUs: number,
): WindowPoint[] {
  const end = Math.min(to, table.capacity);
  const windows = new Map<number, { sent: number; delivered: number; h: LatencyHistogram }>();
  const windowUs = windowMs * 1000;
  for (let s = Math.max(1, from); s < end; s++) {
    const sentUs = table.sentUs[s]!;
    if (sentUs === 0) continue;
    const w = Math.floor((sentUs - originUs) / windowUs);
    let acc = windows.get(w);
    if (!acc) windows.set(w, (acc = { sent: 0, delivered: 0, h: new LatencyHistogram() }));
    acc.sent++;
    const rec = table.receivedUs[s]!;
    if (rec !== 0) {
      acc.delivered++;
      acc.h.record(rec - sentUs);
    }
  }
  return [...windows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([w, acc]) => ({
      t: (w * windowMs) / 1000,
      sent: acc.sent,
      delivered: acc.delivered,
      latency: acc.h.stats(),
    }));
}
