// Prints the main thread's cost of AnalyticsSink.record() and the worker's write throughput.
// Run: npx tsx electron/core/store/sqliteAnalyticsSink.bench.ts   (a measurement, not a test)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CommandEvent } from '../../../shared/domain';
import { openStore } from './openStore';

const N = 200_000;
const ROUNDS = 5;
const dir = mkdtempSync(path.join(tmpdir(), 'twitch-cv-bench-'));
const store = await openStore(dir);
const now = Date.now();
const events: CommandEvent[] = Array.from({ length: N }, (_, i) => ({
  ts: now + i,
  channel: 'somechannel',
  userId: String(10_000_000 + (i % 1_000)),
  userName: `viewer_${i % 1_000}`,
  variable: 'cutoff',
  raw: `!cutoff ${i % 100}`,
  value: i % 100,
  outcome: i % 10 === 0 ? 'refused' : 'accepted',
  reason: i % 10 === 0 ? 'cooldown' : null,
  latencyUs: 40,
}));

for (let r = 0; r < ROUNDS; r++) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) store.analytics.record(events[i]!);
  const recordNs = Number(process.hrtime.bigint() - t0) / N;
  const t1 = performance.now();
  await store.analytics.flush();
  const flushMs = performance.now() - t1;
  console.log(
    `round ${r + 1}: record() ${recordNs.toFixed(0)} ns/row on the main thread; ` +
      `${N} rows committed ${flushMs.toFixed(0)} ms later (${Math.round(N / (flushMs / 1000))} rows/s)`,
  );
}
console.log(store.analytics.stats());
await store.close();
rmSync(dir, { recursive: true, force: true });
