// Prints ns per LatencyRecorder.record() for hdr-histogram-js's WASM and JS builds.
// Run: npx tsx electron/core/metrics/latency.bench.ts   (a measurement, not a test: nothing is asserted)
import { LatencyRecorder, type HistogramImplementation } from './latency';

const N = 5_000_000;
const ROUNDS = 5;

// Latency-shaped input: mostly tens to hundreds of µs with a thin tail, precomputed so the loop measures record().
const values = new Float64Array(1 << 16);
for (let i = 0; i < values.length; i++) {
  const tail = Math.random() < 0.001 ? Math.random() * 50_000 : 0;
  values[i] = 20 + 80 * -Math.log(1 - Math.random()) + tail;
}

function bench(impl: HistogramImplementation): number {
  const rec = new LatencyRecorder({ implementation: impl, autoRotate: false });
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) rec.record(values[i & 0xffff]!);
    const ns = Number(process.hrtime.bigint() - t0) / N;
    best = Math.min(best, ns);
  }
  const s = rec.summary();
  console.log(
    `${rec.implementation.padEnd(4)} best of ${ROUNDS}: ${best.toFixed(1)} ns/record ` +
      `(count ${s.count}, p50 ${s.p50} ms, p99 ${s.p99} ms)`,
  );
  rec.close();
  return best;
}

const wasm = bench('wasm');
const js = bench('js');
console.log(`wasm is ${(js / wasm).toFixed(1)}x faster than js for record()`);
