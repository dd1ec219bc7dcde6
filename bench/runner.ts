// Runs one scenario against one subject: a fresh fake Twitch server, UDP receiver and subject process, the
// warm-up, the scenario's phases, a bounded drain, then the figures. Never throws: a subject that fails is
// recorded with its error so the other subjects and scenarios still run.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineStateSnapshot } from '../shared/domain';
import { epochNowMs } from './clock';
import type { LoadPhase } from './load/phase';
import { OscSeqReceiver } from './load/receiver';
import { BENCH_CHANNEL } from './load/sender';
import { createSender, type SenderMode } from './load/senderHost';
import { SeqTable } from './load/seqTable';
import type { EngineOverload, PhaseResult, SubjectRun } from './results';
import type { PhaseHandle, Scenario, ScenarioContext } from './scenarios/types';
import { summarizeRange, windowSeries } from './stats/latency';
import {
  bucketQuantileBetween,
  counterDelta,
  fetchLatencyBuckets,
  fetchState,
  type LatencyBuckets,
} from './subjects/engineState';
import {
  cpuPercent,
  ProcSampler,
  readProcSample,
  readUdpCounters,
  type ProcSample,
} from './subjects/procStats';
import { drain, progressTicker, settle } from './runWaits';
import { removeTempDir, trackTempDir } from './subjects/children';
import { pinProcess, planCoreSplit } from './subjects/cpuPinning';
import { openDashboard, type OpenDashboard } from './subjects/dashboard';
import { startSubject, type RunningSubject, type SubjectId } from './subjects/subjects';

export interface RunOptions {
  quick: boolean;
  repoRoot: string;
  senderMode: SenderMode;
  engineOverload: EngineOverload;
  log: (line: string) => void;
}

interface Recorded extends PhaseHandle {
  stateBefore: EngineStateSnapshot | null;
  stateAfter: EngineStateSnapshot | null;
  bucketsBefore: LatencyBuckets | null;
  bucketsAfter: LatencyBuckets | null;
  procBefore: ProcSample | null;
  procAfter: ProcSample | null;
}

const JOIN_TIMEOUT_MS = 15_000;

export async function runSubject(scenario: Scenario, id: SubjectId, opts: RunOptions): Promise<SubjectRun> {
  const run: SubjectRun = {
    subject: id,
    error: null,
    phases: [],
    windowMs: scenario.windowMs(opts.quick),
    series: [],
    totals: {
      sent: 0,
      delivered: 0,
      lost: 0,
      refusedByReason: {},
      duplicates: 0,
      unknownDatagrams: 0,
      errorRate: 0,
      drainMs: 0,
      udpReceiveDrops: null,
    },
    inProcess: null,
    activeUsers: null,
    resources: [],
    exitCode: null,
    derived: {},
  };
  const tag = `[${scenario.name}/${id}]`;
  const table = SeqTable.create(scenario.capacity(opts.quick) + 16);
  const epochMs = epochNowMs();
  const workDir = trackTempDir(mkdtempSync(path.join(os.tmpdir(), `twitch-cv-bench-${id}-`)));
  let receiver: OscSeqReceiver | null = null;
  const sender = createSender(opts.senderMode, table, epochMs);
  let subject: RunningSubject | null = null;
  let sampler: ProcSampler | null = null;
  const recorded: Recorded[] = [];
  const split = scenario.isolateCores ? planCoreSplit() : null;
  let dashboard: OpenDashboard | null = null;
  try {
    if (split && 'unavailable' in split) {
      run.cores = `not separated: ${split.unavailable}`;
      opts.log(`${tag} bench and subject share the CPUs: ${split.unavailable}`);
    } else if (split) {
      pinProcess(process.pid, split.bench);
      run.cores = `bench on CPU ${split.bench}, subject on CPU ${split.subject}`;
    }
    receiver = await OscSeqReceiver.start(table, epochMs);
    const udpBefore = readUdpCounters();
    const { url } = await sender.start();
    subject = await startSubject(id, {
      repoRoot: opts.repoRoot,
      twitchUrl: url,
      oscPort: receiver.port,
      workDir,
      engineOverload: opts.engineOverload,
    });
    if (split && !('unavailable' in split)) pinProcess(subject.pid, split.subject);
    await sender.waitForJoin(BENCH_CHANNEL, JOIN_TIMEOUT_MS);
    if (scenario.dashboard && subject.httpUrl)
      dashboard = await openDashboard(opts.repoRoot, subject.httpUrl);
    sampler = new ProcSampler(subject.pid, 1000);
    const httpUrl = subject.httpUrl;
    const pid = subject.pid;
    const rx = receiver;
    let lastState = httpUrl ? await fetchState(httpUrl) : null;
    let lastBuckets = httpUrl ? await fetchLatencyBuckets(httpUrl) : null;

    const runPhase = async (p: LoadPhase): Promise<PhaseHandle> => {
      const index = recorded.length;
      const procBefore = readProcSample(pid);
      const ticker = p.durationMs >= 20_000 ? progressTicker(tag, p, rx, pid, opts.log) : null;
      const send = await sender.runPhase({ ...p, index });
      if (ticker) clearInterval(ticker);
      if (send.truncated) opts.log(`${tag} ${p.name}: the sequence table is full, the phase stopped early`);
      if (send.heldBack > 0)
        opts.log(
          `${tag} ${p.name}: ${send.heldBack} commands held back: the subject stopped reading its socket`,
        );
      const procAfter = readProcSample(pid);
      const [stateAfter, bucketsAfter] = httpUrl
        ? await Promise.all([fetchState(httpUrl), fetchLatencyBuckets(httpUrl)])
        : [null, null];
      const rec: Recorded = {
        index,
        phase: p,
        send,
        stateBefore: lastState,
        stateAfter,
        bucketsBefore: lastBuckets,
        bucketsAfter,
        procBefore,
        procAfter,
      };
      lastState = stateAfter ?? lastState;
      lastBuckets = bucketsAfter ?? lastBuckets;
      recorded.push(rec);
      const s = summarizeRange(table, send.firstSeq, send.endSeq);
      const refused = counterDelta(rec.stateBefore, rec.stateAfter)?.refused ?? 0;
      opts.log(
        `${tag} ${p.name}: ${p.rate}/s from ${p.users} users for ${(p.durationMs / 1000).toFixed(1)} s — ` +
          `sent ${send.sent}, delivered ${s.delivered}${refused ? `, refused ${refused}` : ''}, ` +
          `P99 ${s.latency.p99.toFixed(2)} ms${procAfter ? `, RSS ${procAfter.rssMb.toFixed(0)} MB` : ''}`,
      );
      return rec;
    };

    const warm = await runPhase(scenario.warmup(opts.quick));
    const ctx: ScenarioContext = {
      quick: opts.quick,
      subject: id,
      phase: runPhase,
      summarize: (h) => summarizeRange(table, h.send.firstSeq, h.send.endSeq),
      counters: (h) => {
        const r = recorded[h.index];
        return r && httpUrl ? counterDelta(r.stateBefore, r.stateAfter) : null;
      },
      settle: (maxMs) => settle(rx, maxMs),
      remainingSeq: () => table.capacity - recorded[recorded.length - 1]!.send.endSeq,
      log: (line) => opts.log(`${tag} ${line}`),
    };
    await scenario.drive(ctx);

    const last = recorded[recorded.length - 1]!;
    const totalSent = recorded.reduce((n, r) => n + r.send.sent, 0);
    const final = await drain(rx, httpUrl, totalSent, last.send.endedAt, scenario.drainTimeoutMs);
    run.totals.drainMs = Math.max(0, final.doneAt - last.send.endedAt);
    if (dashboard) {
      run.dashboard = await dashboard.close();
      dashboard = null;
    }
    const udpAfter = readUdpCounters();
    if (udpBefore && udpAfter) run.totals.udpReceiveDrops = udpAfter.rcvbufErrors - udpBefore.rcvbufErrors;
    sampler.sample();
    const finalState = httpUrl ? await fetchState(httpUrl) : null;

    const originMs = warm.send.endedAt;
    run.phases = recorded.slice(1).map((r) => phaseResult(r, table, originMs));
    const measuredFrom = recorded[1]?.send.firstSeq ?? warm.send.endSeq;
    run.series = windowSeries(
      table,
      measuredFrom,
      last.send.endSeq,
      run.windowMs,
      (originMs - epochMs) * 1000,
    );
    run.totals.sent = totalSent;
    run.totals.delivered = rx.counts.matched;
    run.totals.duplicates = rx.counts.duplicates;
    run.totals.unknownDatagrams = rx.counts.unknown;
    run.totals.errorRate = totalSent > 0 ? (totalSent - rx.counts.matched) / totalSent : 0;
    if (finalState) {
      run.totals.refusedByReason = finalState.counters.byReason;
      run.totals.lost = Math.max(0, finalState.counters.accepted - rx.counts.matched);
      run.inProcess = finalState.latency.process;
      run.activeUsers = finalState.activeUsers;
    } else {
      run.totals.lost = Math.max(0, totalSent - rx.counts.matched);
    }
    run.resources = resourceSeries(sampler.samples, originMs);
    if (scenario.analyze) run.derived = scenario.analyze(run, opts.quick);
  } catch (err) {
    run.error = (err as Error).message + (subject ? `\n${subject.process.tail()}` : '');
    opts.log(`${tag} FAILED: ${run.error}`);
  } finally {
    await dashboard?.kill();
    if (split && !('unavailable' in split)) pinProcess(process.pid, split.all);
    sampler?.stop();
    if (subject) run.exitCode = await subject.process.stop();
    await sender.stop().catch(() => {});
    await receiver?.close();
    removeTempDir(workDir);
  }
  return run;
}

function phaseResult(r: Recorded, table: SeqTable, originMs: number): PhaseResult {
  const s = summarizeRange(table, r.send.firstSeq, r.send.endSeq);
  const steady = summarizeRange(table, r.send.firstSeq + Math.floor(r.send.sent / 4), r.send.endSeq);
  const seconds = Math.max(0.001, (r.send.endedAt - r.send.startedAt) / 1000);
  const counters = counterDelta(r.stateBefore, r.stateAfter);
  return {
    ...r.phase,
    index: r.index,
    startS: (r.send.startedAt - originMs) / 1000,
    endS: (r.send.endedAt - originMs) / 1000,
    sent: s.sent,
    delivered: s.delivered,
    heldBack: r.send.heldBack,
    sentRate: s.sent / seconds,
    offeredRate: (s.sent + r.send.heldBack) / seconds,
    deliveredRate: s.delivered / seconds,
    latency: s.latency,
    steadyLatency: steady.latency,
    steadyModeratorsLatency: steady.moderatorsLatency,
    steadyViewersLatency: steady.viewersLatency,
    moderators: { sent: s.moderatorsSent, delivered: s.moderatorsDelivered },
    refusedByReason: counters?.byReason ?? {},
    inProcessP99AtMostMs: bucketQuantileBetween(r.bucketsBefore?.process, r.bucketsAfter?.process, 0.99),
    queueP99AtMostMs: bucketQuantileBetween(r.bucketsBefore?.twitch, r.bucketsAfter?.twitch, 0.99),
    cpuPct: r.procBefore && r.procAfter ? cpuPercent(r.procBefore, r.procAfter) : null,
    rssMb: r.procAfter?.rssMb ?? null,
    heapUsedMb: r.stateAfter?.memory.heapUsedMb ?? null,
    maxTickGapMs: r.send.maxTickGapMs,
  };
}

function resourceSeries(samples: ProcSample[], originMs: number): SubjectRun['resources'] {
  return samples.slice(1).map((s, i) => ({
    t: (s.at - originMs) / 1000,
    rssMb: s.rssMb,
    cpuPct: cpuPercent(samples[i]!, s),
  }));
}
