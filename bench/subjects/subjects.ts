// The three things measured on the same load: our engine, the peer (a bare tmi.js + osc-js script) and the
// floor (a raw WebSocket-to-UDP forwarder). Each runs as its own child process, started fresh for every
// scenario, so one scenario's memory or backlog never leaks into the next.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigInput } from '../../shared/config';
import type { EngineOverload } from '../results';
import { BENCH_CHANNEL, SEQ_COMMAND } from '../load/sender';
import { MAX_SEQ } from '../load/seqTable';
import { spawnTracked, type TrackedChild } from './children';
import { compileReferences } from './compileReferences';

export type SubjectId = 'engine' | 'peer' | 'floor';
export const SUBJECTS: readonly SubjectId[] = ['engine', 'peer', 'floor'];

export const SUBJECT_LABELS: Record<SubjectId, string> = {
  engine: 'engine (twitch-cv run)',
  peer: 'peer (bare tmi.js + osc-js)',
  floor: 'floor (raw ws → UDP)',
};

export interface SubjectContext {
  repoRoot: string;
  twitchUrl: string;
  oscPort: number;
  /** A fresh directory for this subject's config and data. */
  workDir: string;
  engineOverload: EngineOverload;
}

export interface RunningSubject {
  id: SubjectId;
  pid: number;
  /** The engine's HTTP base URL (for /api/state and /metrics); null for the references. */
  httpUrl: string | null;
  process: TrackedChild;
}

const START_TIMEOUT_MS = 30_000;

/** The engine's config for the bench: one variable whose output equals its input, rate limits out of the way. */
export function benchEngineConfig(ctx: SubjectContext): ConfigInput {
  return {
    channels: [BENCH_CHANNEL],
    osc: { host: '127.0.0.1', port: ctx.oscPort },
    twitch: { server: ctx.twitchUrl },
    // The bench measures the pipeline's cost, not the limiter refusing: every command must be allowed.
    rateLimit: {
      perUser: { capacity: 1_000_000, refillPerSec: 1_000_000 },
      global: { perSec: 100_000_000 },
      maxTrackedUsers: 100_000,
    },
    overload: ctx.engineOverload,
    variables: [
      {
        name: SEQ_COMMAND,
        address: `/cv/${SEQ_COMMAND}`,
        min: 0,
        max: MAX_SEQ,
        default: 0,
        outMin: 0,
        outMax: MAX_SEQ,
      },
    ],
  };
}

export async function startSubject(id: SubjectId, ctx: SubjectContext): Promise<RunningSubject> {
  mkdirSync(ctx.workDir, { recursive: true });
  const node = process.execPath;
  if (id === 'engine') {
    const configPath = path.join(ctx.workDir, 'config.json');
    writeFileSync(configPath, JSON.stringify(benchEngineConfig(ctx), null, 2));
    const child = spawnTracked(
      node,
      [
        ...(process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean),
        'bin/twitch-cv.mjs',
        'run',
        '--config',
        configPath,
        '--data-dir',
        path.join(ctx.workDir, 'data'),
        '--twitch-server',
        ctx.twitchUrl,
        '--osc',
        `127.0.0.1:${ctx.oscPort}`,
        '--http',
        '127.0.0.1:0',
      ],
      ctx.repoRoot,
    );
    const m = await child.waitForLine(/HTTP listening on (http:\/\/127\.0\.0\.1:\d+)/, START_TIMEOUT_MS);
    return { id, pid: child.pid, httpUrl: m[1]!, process: child };
  }
  const compiled = await compileReferences(ctx.repoRoot);
  const child = spawnTracked(
    node,
    [
      compiled[id],
      '--server',
      ctx.twitchUrl,
      '--channel',
      BENCH_CHANNEL,
      '--osc',
      `127.0.0.1:${ctx.oscPort}`,
    ],
    ctx.repoRoot,
  );
  await child.waitForLine(/^ready$/, START_TIMEOUT_MS);
  return { id, pid: child.pid, httpUrl: null, process: child };
}
