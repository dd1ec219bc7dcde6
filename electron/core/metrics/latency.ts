// Latency histograms for the hot path: record() is one HDR histogram update plus one addition.
// Percentiles come from hdr-histogram-js (never hand-rolled). Its WebAssembly build records about four
// times faster than its pure-JS build on this machine (see latency.bench.ts), so WASM is the default and
// JS is the fallback where WebAssembly cannot start.
//
// Time is split into `slots` rotating histograms covering `windowMs` (the live dashboard's window).
// A slot leaving the window is folded into `retired`, so the all-time view (for /metrics) costs nothing
// per record: it is retired + the live slots, merged only when someone asks.
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../../../shared/domain';

export type HistogramImplementation = 'wasm' | 'js';

export interface LatencyRecorderOptions {
  /** Length of the rolling window in ms (default 10 s). */
  windowMs?: number;
  /** Rotating histograms the window is split into (default 5): the window covers the last
   *  (slots-1) whole slots plus the current partial one. */
  slots?: number;
  /** Values above this (µs) are recorded as this (default 60 s). */
  highestUs?: number;
  /** Monotonic ms clock (default performance.now). Injected in tests. */
  now?: () => number;
  /** Rotate slots on an unref'd timer (default true). Tests turn it off and drive `now`. */
  autoRotate?: boolean;
  /** Force an implementation (the benchmark compares both). Default: wasm when it can start. */
  implementation?: HistogramImplementation;
}

export const EMPTY_SUMMARY: Readonly<LatencySummary> = Object.freeze({
  count: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  max: 0,
  mean: 0,
});

/** Cumulative counts at each bound, the shape a Prometheus histogram needs. */
export interface CumulativeBuckets {
  boundsUs: readonly number[];
  /** counts[i] = number of recorded values <= boundsUs[i] (to the histogram's 0.1 % resolution). */
  counts: number[];
  count: number;
  sumUs: number;
}

let wasmState: 'unknown' | 'ready' | 'unavailable' = 'unknown';

function wasmReady(): boolean {
  if (wasmState === 'unknown') {
    try {
      hdr.initWebAssemblySync();
      wasmState = 'ready';
    } catch {
      wasmState = 'unavailable';
    }
  }
  return wasmState === 'ready';
}

function buildHistogram(impl: HistogramImplementation, highestUs: number): hdr.Histogram {
  return hdr.build({
    useWebAssembly: impl === 'wasm',
    // 64-bit counts: an all-time histogram at 45,000 records/s would overflow 32-bit counts in a day.
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    highestTrackableValue: highestUs,
    numberOfSignificantValueDigits: 3,
    // Fixed size: record() never allocates. Out-of-range values are clamped before they get here.
    autoResize: false,
  });
}

export class LatencyRecorder {
  readonly implementation: HistogramImplementation;
  readonly windowMs: number;
  private readonly slotMs: number;
  private readonly maxUs: number;
  private readonly now: () => number;
  private readonly slots: hdr.Histogram[];
  private readonly slotSums: Float64Array;
  private readonly retired: hdr.Histogram;
  private readonly scratch: hdr.Histogram;
  private retiredSum = 0;
  private current: hdr.Histogram;
  private currentIndex = 0;
  private currentSum = 0;
  private slotStartedAt: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(options: LatencyRecorderOptions = {}) {
    const slotCount = Math.max(1, Math.floor(options.slots ?? 5));
    this.windowMs = Math.max(1, options.windowMs ?? 10_000);
    this.slotMs = this.windowMs / slotCount;
    this.maxUs = Math.max(2, Math.floor(options.highestUs ?? 60_000_000));
    this.now = options.now ?? (() => performance.now());
    const wanted = options.implementation ?? 'wasm';
    this.implementation = wanted === 'wasm' && wasmReady() ? 'wasm' : 'js';
    this.slots = Array.from({ length: slotCount }, () => buildHistogram(this.implementation, this.maxUs));
    this.slotSums = new Float64Array(slotCount);
    this.retired = buildHistogram(this.implementation, this.maxUs);
    this.scratch = buildHistogram(this.implementation, this.maxUs);
    this.current = this.slots[0]!;
    this.slotStartedAt = this.now();
    if (options.autoRotate ?? true) {
      this.timer = setInterval(() => this.advance(), this.slotMs);
      this.timer.unref();
    }
  }

  /** Hot path: O(1), no allocation. Negative and NaN become 0, fractions round to whole µs. */
  record(micros: number): void {
    // `micros > 0` is false for NaN, so NaN and negatives fall through to 0 in one comparison.
    const v = micros > 0 ? (micros < this.maxUs ? Math.round(micros) : this.maxUs) : 0;
    this.current.recordValue(v);
    this.currentSum += v;
  }

  /** Everything recorded since construction (or reset), in milliseconds. */
  summary(): LatencySummary {
    this.advance();
    this.mergeInto(this.scratch, true);
    return summarize(this.scratch, this.retiredSum + this.liveSum());
  }

  /** The rolling window only (last windowMs), in milliseconds: the live dashboard's numbers. */
  windowSummary(): LatencySummary {
    this.advance();
    this.mergeInto(this.scratch, false);
    return summarize(this.scratch, this.liveSum());
  }

  /**
   * All-time cumulative counts at each bound (µs, ascending), for Prometheus buckets. Derived from the HDR
   * histogram without copying it: rank k's value is a percentile query, and the count at or below a bound is
   * the largest rank whose value is <= the bound (binary search). A value counts as <= bound when its whole
   * HDR bin is (bins are 1 µs wide below 2,048 µs, and 0.1 % wide above).
   */
  cumulativeBuckets(boundsUs: readonly number[]): CumulativeBuckets {
    this.advance();
    const h = this.scratch;
    this.mergeInto(h, true);
    const total = h.totalCount;
    const max = h.maxValue;
    const counts: number[] = [];
    let lo = 0;
    for (const bound of boundsUs) {
      if (total === 0 || max <= bound) {
        lo = total;
      } else {
        let hi = total;
        while (lo < hi) {
          const k = Math.floor((lo + hi + 1) / 2);
          // (k - 0.5) / total lands strictly inside rank k's percentile step, immune to rounding.
          if (h.getValueAtPercentile(((k - 0.5) / total) * 100) <= bound) lo = k;
          else hi = k - 1;
        }
      }
      counts.push(lo);
    }
    return { boundsUs, counts, count: total, sumUs: this.retiredSum + this.liveSum() };
  }

  reset(): void {
    for (const s of this.slots) s.reset();
    this.slotSums.fill(0);
    this.retired.reset();
    this.retiredSum = 0;
    this.currentSum = 0;
    this.slotStartedAt = this.now();
  }

  /** Stops the rotation timer and frees the WASM memory. The recorder must not be used afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const h of [...this.slots, this.retired, this.scratch]) h.destroy();
  }

  /** Rotate as many slots as the clock says have passed. Called by the timer and before every read. */
  advance(): void {
    if (this.closed) return;
    const elapsed = Math.floor((this.now() - this.slotStartedAt) / this.slotMs);
    if (elapsed <= 0) return;
    const steps = Math.min(elapsed, this.slots.length);
    for (let i = 0; i < steps; i++) this.rotate();
    this.slotStartedAt += elapsed * this.slotMs;
  }

  private rotate(): void {
    this.slotSums[this.currentIndex] = this.currentSum;
    this.currentIndex = (this.currentIndex + 1) % this.slots.length;
    const next = this.slots[this.currentIndex]!;
    // The slot we move into holds the oldest data, which is leaving the window: keep it for all-time.
    if (next.totalCount > 0) {
      this.retired.add(next);
      this.retiredSum += this.slotSums[this.currentIndex]!;
      next.reset();
    }
    this.slotSums[this.currentIndex] = 0;
    this.currentSum = 0;
    this.current = next;
  }

  private liveSum(): number {
    let sum = this.currentSum;
    for (let i = 0; i < this.slots.length; i++) if (i !== this.currentIndex) sum += this.slotSums[i]!;
    return sum;
  }

  private mergeInto(target: hdr.Histogram, includeRetired: boolean): void {
    target.reset();
    if (includeRetired) target.add(this.retired);
    for (const s of this.slots) if (s.totalCount > 0) target.add(s);
  }
}

function summarize(h: hdr.Histogram, sumUs: number): LatencySummary {
  const count = h.totalCount;
  if (count === 0) return { ...EMPTY_SUMMARY };
  // Recorded values are whole µs, so /1000 gives milliseconds with µs precision.
  return {
    count,
    p50: h.getValueAtPercentile(50) / 1000,
    p95: h.getValueAtPercentile(95) / 1000,
    p99: h.getValueAtPercentile(99) / 1000,
    max: h.maxValue / 1000,
    mean: Math.round(sumUs / count) / 1000,
  };
}
