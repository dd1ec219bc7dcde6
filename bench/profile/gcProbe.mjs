// Preloaded into the engine child (`node --import ./bench/profile/gcProbe.mjs ...`) by inproc.ts: every GC
// pause as one stderr line `GCPROBE <kind> <epoch start ms> <duration ms>`, on the same clock as the harness
// (timeOrigin + startTime), so tail samples can be matched against the pauses that overlapped them.
import { PerformanceObserver, constants } from 'node:perf_hooks';

const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const origin = performance.timeOrigin;
const obs = new PerformanceObserver((list) => {
  let out = '';
  for (const e of list.getEntries()) {
    const kind = KINDS[e.detail?.kind ?? e.kind] ?? 'other';
    out += `GCPROBE ${kind} ${(origin + e.startTime).toFixed(3)} ${e.duration.toFixed(3)}\n`;
  }
  process.stderr.write(out);
});
obs.observe({ entryTypes: ['gc'] });
