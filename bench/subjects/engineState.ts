// Reading the engine from outside, the way an operator would: GET /api/state (counters, latency inside the
// process, active users) and GET /metrics (the in-process latency histogram, whose bucket counts can be
// differenced between two scrapes to get one phase's distribution).
import type { EngineStateSnapshot, RefusalReason } from '../../shared/domain';

export async function fetchState(httpUrl: string): Promise<EngineStateSnapshot | null> {
  try {
    const res = await fetch(`${httpUrl}/api/state`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return null;
    return (await res.json()) as EngineStateSnapshot;
  } catch {
    return null;
  }
}

/** Cumulative bucket counts of one stage of `twitchcv_latency_seconds`, keyed by upper bound in ms. */
export interface StageBuckets {
  boundsMs: number[];
  cumulative: number[];
}

/**
 * The engine's two latency histograms: `process` (arrival in the process to the UDP send) and `twitch`
 * (tmi-sent-ts to processing, accepted commands only: the queueing delay the overload guard watches).
 */
export interface LatencyBuckets {
  process: StageBuckets | null;
  twitch: StageBuckets | null;
}

export async function fetchLatencyBuckets(httpUrl: string): Promise<LatencyBuckets | null> {
  try {
    const res = await fetch(`${httpUrl}/metrics`, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) return null;
    const text = await res.text();
    return { process: parseStageBuckets(text, 'process'), twitch: parseStageBuckets(text, 'twitch') };
  } catch {
    return null;
  }
}

export function parseStageBuckets(text: string, stage: string): StageBuckets | null {
  const re = /^twitchcv_latency_seconds_bucket\{([^}]*)\}\s+(\S+)/gm;
  const rows: [number, number][] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const labels = m[1]!;
    if (!labels.includes(`stage="${stage}"`)) continue;
    const le = /le="([^"]+)"/.exec(labels)?.[1];
    if (le === undefined) continue;
    rows.push([le === '+Inf' ? Infinity : Number(le) * 1000, Number(m[2])]);
  }
  if (rows.length === 0) return null;
  rows.sort((a, b) => a[0] - b[0]);
  return { boundsMs: rows.map((r) => r[0]), cumulative: rows.map((r) => r[1]) };
}

/**
 * The P99 of what happened between two scrapes, as "at most this bucket bound" (Prometheus buckets are
 * coarse: 0.25, 0.5, 1, 2.5 ms...). Infinity when it lies beyond the last finite bound; null without data.
 */
export function bucketQuantileBetween(
  a: StageBuckets | null | undefined,
  b: StageBuckets | null | undefined,
  q: number,
): number | null {
  if (!a || !b) return null;
  if (a.boundsMs.length !== b.boundsMs.length) return null;
  const total = b.cumulative[b.cumulative.length - 1]! - a.cumulative[a.cumulative.length - 1]!;
  if (total <= 0) return null;
  const rank = q * total;
  for (let i = 0; i < b.boundsMs.length; i++) {
    if (b.cumulative[i]! - a.cumulative[i]! >= rank) return b.boundsMs[i]!;
  }
  return Infinity;
}

export type ReasonCounts = Partial<Record<RefusalReason, number>>;

export interface CounterDelta {
  received: number;
  accepted: number;
  refused: number;
  byReason: ReasonCounts;
}

export function counterDelta(
  a: EngineStateSnapshot | null,
  b: EngineStateSnapshot | null,
): CounterDelta | null {
  if (!b) return null;
  const before = a?.counters ?? { received: 0, accepted: 0, refused: 0, byReason: {} };
  const byReason: ReasonCounts = {};
  for (const [reason, n] of Object.entries(b.counters.byReason) as [RefusalReason, number][]) {
    const d = n - (before.byReason[reason] ?? 0);
    if (d > 0) byReason[reason] = d;
  }
  return {
    received: b.counters.received - before.received,
    accepted: b.counters.accepted - before.accepted,
    refused: b.counters.refused - before.refused,
    byReason,
  };
}
