// The capacity report's five scenarios and issue 2's two fixed points, at the report's durations by default
// and scaled down by --quick (the whole quick run stays under three minutes).
import { recoveryTime, rssGrowth } from '../analysis';
import type { Scenario } from './types';
import { stress } from './stress';
import { phaseByName, q, rateLabel, warmup } from './helpers';
import { SUBJECTS } from '../subjects/subjects';

function fixedPoint(rate: number): Scenario {
  return {
    name: `fixed-${rateLabel(rate)}`,
    title: `${rate.toLocaleString('en-US')} commands/s from 1,000 users`,
    description: (quick) =>
      `Issue 2's speed point: ${rate.toLocaleString('en-US')} commands/s from 1,000 users for ` +
      `${q(quick, 2.5, 20)} s after a warm-up; engine, peer and floor on the same load.`,
    subjects: SUBJECTS,
    capacity: (quick) => rate * q(quick, 2.5, 20) + 3 * 1000 * 3,
    windowMs: (quick) => q(quick, 250, 500),
    warmup: (quick) => warmup(quick, Math.min(rate, 2000), 1000),
    drainTimeoutMs: 10_000,
    async drive(ctx) {
      await ctx.phase({
        name: `${rateLabel(rate)}/s`,
        rate,
        users: 1000,
        durationMs: q(ctx.quick, 2500, 20_000),
      });
    },
  };
}

/**
 * The 2,000/s point again with the dashboard open on the engine (a WebSocket client in its own process, as
 * the Electron window would be): what watching costs the chat path. The references have no dashboard, so
 * the ratios say what a streamer with the dashboard open gets against the bare script.
 */
function withDashboard(rate: number): Scenario {
  const plain = fixedPoint(rate);
  return {
    ...plain,
    name: `dashboard-${rateLabel(rate)}`,
    title: `${plain.title}, dashboard open`,
    description: (quick) =>
      `${plain.description(quick)} The engine has a dashboard connected throughout (a separate process on ` +
      'its WebSocket bridge that resyncs on connect and parses every update, as the Electron window does); ' +
      'the peer and the floor have none.',
    dashboard: true,
    analyze(run): Record<string, number | string | null> {
      const d = run.dashboard;
      const seconds = run.phases.reduce((a, p) => a + (p.endS - p.startS), 0);
      if (!d) return {};
      return {
        dashboardUpdates: d.messages,
        dashboardSnapshots: d.byEvent.snapshot ?? 0,
        dashboardFeedBatches: d.byEvent.commands ?? 0,
        dashboardKBPerSec: seconds > 0 ? Math.round(d.bytes / 1024 / seconds) : null,
        dashboardMaxParseMs: Math.round(d.maxParseMs * 100) / 100,
      };
    },
  };
}

const burst: Scenario = {
  name: 'burst',
  title: 'Burst: 100 → 500 users at 5× rate, then recovery',
  description: (quick) =>
    `100 users at 2 commands/s (${q(quick, 1.5, 20)} s), then 100, 200, 300, 400, 500 users at 5× that rate ` +
    `(10/s each, ${q(quick, 5, 30)} s in all, peaking at 5,000/s), then back to 100 users at 2/s ` +
    `(${q(quick, 3, 30)} s). Recovery time: from the end of the burst until every ${q(quick, 250, 500)} ms ` +
    'window is back within 2× the baseline P99 (at least +0.5 ms) with 99 % delivered.',
  subjects: SUBJECTS,
  capacity: () => 200 * 60 + 5000 * 40,
  windowMs: (quick) => q(quick, 250, 500),
  warmup: (quick) => warmup(quick, 200, 100),
  drainTimeoutMs: 10_000,
  async drive(ctx) {
    const quick = ctx.quick;
    await ctx.phase({ name: 'baseline', rate: 200, users: 100, durationMs: q(quick, 1500, 20_000) });
    for (const users of [100, 200, 300, 400, 500])
      await ctx.phase({
        name: `burst ${users} users`,
        rate: users * 10,
        users,
        durationMs: q(quick, 1000, 6000),
      });
    await ctx.phase({ name: 'recovery', rate: 200, users: 100, durationMs: q(quick, 3000, 30_000) });
  },
  analyze(run): Record<string, number | string | null> {
    const base = phaseByName(run, 'baseline');
    const rec = phaseByName(run, 'recovery');
    const bursts = run.phases.filter((p) => p.name.startsWith('burst'));
    if (!base || !rec || bursts.length === 0) return {};
    const limit = Math.max(2 * base.latency.p99, base.latency.p99 + 0.5);
    const sent = bursts.reduce((a, p) => a + p.sent, 0);
    const delivered = bursts.reduce((a, p) => a + p.delivered, 0);
    return {
      baselineP99Ms: base.latency.p99,
      burstP95Ms: Math.max(...bursts.map((p) => p.latency.p95)),
      burstP99Ms: Math.max(...bursts.map((p) => p.latency.p99)),
      burstSuccessRate: sent > 0 ? delivered / sent : null,
      recoveryLimitMs: limit,
      recoveryS: recoveryTime(run.series, rec.startS, rec.endS, limit, { windowS: run.windowMs / 1000 }),
    };
  },
};

const sustained: Scenario = {
  name: 'sustained',
  title: 'Sustained: 100 users, 2 commands/s each',
  description: (quick) =>
    `100 users at 2 commands/s each (200/s) for ${q(quick, 8, 300)} s. Memory growth: mean RSS over the ` +
    'last tenth of the run minus the first tenth (sampled every second); the same over the second half alone ' +
    'tells a heap still growing from one that sized itself early and settled.',
  subjects: SUBJECTS,
  capacity: (quick) => 200 * q(quick, 8, 300) + 3000 * 3,
  windowMs: (quick) => q(quick, 500, 2000),
  warmup: (quick) => warmup(quick, 200, 100),
  drainTimeoutMs: 10_000,
  async drive(ctx) {
    await ctx.phase({ name: 'sustained', rate: 200, users: 100, durationMs: q(ctx.quick, 8000, 300_000) });
  },
  analyze(run) {
    const p = phaseByName(run, 'sustained');
    const g = p ? rssGrowth(run.resources, p.startS, p.endS) : null;
    // The second half alone tells still-growing (a leak) from a heap that sized itself early and settled.
    const late = p ? rssGrowth(run.resources, (p.startS + p.endS) / 2, p.endS) : null;
    return {
      meanMs: p?.latency.mean ?? null,
      p99Ms: p?.latency.p99 ?? null,
      rssStartMb: g?.startMb ?? null,
      rssEndMb: g?.endMb ?? null,
      rssGrowthMb: g?.growthMb ?? null,
      rssGrowthSecondHalfMb: late?.growthMb ?? null,
      rssPeakMb: g?.peakMb ?? null,
      heapUsedEndMb: p?.heapUsedMb ?? null,
    };
  },
};

const concurrency: Scenario = {
  name: 'concurrency',
  title: 'High concurrency: 1,000 users, 1 command/s each',
  description: (quick) => `1,000 users at 1 command/s each (1,000/s) for ${q(quick, 5, 180)} s.`,
  subjects: SUBJECTS,
  capacity: (quick) => 1000 * q(quick, 5, 180) + 3000 * 3,
  windowMs: (quick) => q(quick, 250, 2000),
  warmup: (quick) => warmup(quick, 1000, 1000),
  drainTimeoutMs: 10_000,
  async drive(ctx) {
    await ctx.phase({
      name: 'concurrency',
      rate: 1000,
      users: 1000,
      durationMs: q(ctx.quick, 5000, 180_000),
    });
  },
  analyze(run) {
    const p = phaseByName(run, 'concurrency');
    return { meanMs: p?.latency.mean ?? null, p95Ms: p?.latency.p95 ?? null, p99Ms: p?.latency.p99 ?? null };
  },
};

const multiInstance: Scenario = {
  name: 'multi-instance',
  title: 'Multi-instance: 5 instances sharing a team through Redis, 200 users',
  description: () => 'Needs team sync, which does not exist yet.',
  skipped: 'team sync (Redis) not implemented yet',
  subjects: [],
  capacity: () => 0,
  windowMs: () => 1000,
  warmup: (quick) => warmup(quick),
  drainTimeoutMs: 0,
  async drive() {},
};

const TRACKED_USERS = 10_000;

const users: Scenario = {
  name: 'users-10k',
  title: 'Memory per tracked user: 10 users, then 10,000',
  description: (quick) =>
    `10 users at 200/s (${q(quick, 1, 5)} s) and a pause, then one command from each of 10,000 new users ` +
    `(2,500/s, 4 s: below the rate where the engine starts shedding) and a pause. Memory per user = RSS difference between the two pauses / 10,000.`,
  subjects: ['engine', 'peer'],
  capacity: () => 200 * 5 + TRACKED_USERS + 3000,
  windowMs: () => 250,
  warmup: (quick) => warmup(quick, 200, 10),
  drainTimeoutMs: 10_000,
  async drive(ctx) {
    const quick = ctx.quick;
    await ctx.phase({ name: 'few users', rate: 200, users: 10, durationMs: q(quick, 1000, 5000) });
    await ctx.phase({ name: 'pause (few)', rate: 0, users: 10, durationMs: q(quick, 1000, 5000) });
    await ctx.phase({
      name: '10,000 new users',
      rate: 2500,
      users: TRACKED_USERS,
      firstUser: 1_000_000,
      durationMs: 4000,
    });
    await ctx.phase({ name: 'pause (10,000)', rate: 0, users: 10, durationMs: q(quick, 1500, 5000) });
  },
  analyze(run) {
    const fewPause = phaseByName(run, 'pause (few)');
    const manyPause = phaseByName(run, 'pause (10,000)');
    const few = fewPause?.rssMb ?? null;
    const many = manyPause?.rssMb ?? null;
    const heapFew = fewPause?.heapUsedMb ?? null;
    const heapMany = manyPause?.heapUsedMb ?? null;
    return {
      rssFewMb: few,
      rss10kMb: many,
      perUserKb: few !== null && many !== null ? ((many - few) * 1024) / TRACKED_USERS : null,
      heapPerUserKb:
        heapFew !== null && heapMany !== null ? ((heapMany - heapFew) * 1024) / TRACKED_USERS : null,
      activeUsers: run.activeUsers,
    };
  },
};

export const SCENARIOS: readonly Scenario[] = [
  fixedPoint(2000),
  fixedPoint(10_000),
  withDashboard(2000),
  burst,
  sustained,
  concurrency,
  multiInstance,
  stress,
  users,
];
