// Where does the engine's in-process tail come from? Runs the real `twitch-cv run` (the compiled bundle, as
// the bench does) as a child fed by the real FakeTwitchServer at fixed rates from 1,000 users, and reports:
// the engine's own arrival-to-send histogram (/api/state latency.process), end-to-end latency per message
// (this process stamps each frame's send and each datagram's receipt on one clock), every GC pause in the
// child (bench/profile/gcProbe.mjs, same clock) and which tail samples overlapped one, and the child's RSS.
//
//   npx tsx bench/profile/inproc.ts --rates 2000,10000 --seconds 8
//   npx tsx bench/profile/inproc.ts --rates 10000 --node-arg=--max-semi-space-size=32
//   npx tsx bench/profile/inproc.ts --rates 10000 --cpu-prof /tmp/prof     (a .cpuprofile per run)
//
// Not part of `npm run bench`: a diagnostic for one engineer at a time. Do not run it while the bench runs.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeTwitchServer } from '../../electron/core/chat/fakeTwitchServer';
import { benchEngineConfig } from '../subjects/subjects';
import { BENCH_CHANNEL, SEQ_COMMAND } from '../load/sender';
import type { EngineStateSnapshot } from '../../shared/domain';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const now = (): number => performance.timeOrigin + performance.now();

interface Options {
  rates: number[];
  seconds: number;
  warmupSeconds: number;
  users: number;
  nodeArgs: string[];
  cpuProfDir: string | null;
  childLog: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    rates: [2000, 10000],
    seconds: 8,
    warmupSeconds: 1,
    users: 1000,
    nodeArgs: [],
    cpuProfDir: null,
    childLog: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (flag === '--rates') o.rates = value().split(',').map(Number);
    else if (flag === '--seconds') o.seconds = Number(value());
    else if (flag === '--warmup') o.warmupSeconds = Number(value());
    else if (flag === '--users') o.users = Number(value());
    else if (flag === '--node-arg') o.nodeArgs.push(value());
    else if (flag === '--cpu-prof') o.cpuProfDir = path.resolve(value());
    else if (flag === '--child-log') o.childLog = path.resolve(value());
    else throw new Error(`unknown flag ${flag}`);
  }
  return o;
}

interface Gc {
  kind: string;
  start: number;
  dur: number;
}

function pct(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function runOnce(rate: number, o: Options): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'inproc-'));
  const server = new FakeTwitchServer();
  const { url } = await server.start();
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
  const oscPort = udp.address().port;

  const capacity = Math.ceil(rate * (o.seconds + o.warmupSeconds + 2)) + 10;
  const sentAt = new Float64Array(capacity);
  const recvAt = new Float64Array(capacity);
  udp.on('message', (buf) => {
    const t = now();
    const seq = Math.round(buf.readFloatBE(buf.length - 4));
    if (seq > 0 && seq < capacity && recvAt[seq] === 0) recvAt[seq] = t;
  });

  const configPath = path.join(work, 'config.json');
  const ctx = {
    repoRoot: root,
    twitchUrl: url,
    oscPort,
    workDir: work,
    engineOverload: { maxLagMs: 50, targetLagMs: 5, memoryCapMb: 500 },
  };
  writeFileSync(configPath, JSON.stringify(benchEngineConfig(ctx), null, 2));
  const profArgs = o.cpuProfDir
    ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProfDir, '--cpu-prof-interval', '100']
    : [];
  const child = spawn(
    process.execPath,
    [
      '--import',
      './bench/profile/gcProbe.mjs',
      ...profArgs,
      ...o.nodeArgs,
      'bin/twitch-cv.mjs',
      'run',
      '--config',
      configPath,
      '--data-dir',
      path.join(work, 'data'),
      '--twitch-server',
      url,
      '--osc',
      `127.0.0.1:${oscPort}`,
      '--http',
      '127.0.0.1:0',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const gcs: Gc[] = [];
  let httpUrl = '';
  const gotHttp = new Promise<void>((resolve, reject) => {
    const onLine = (line: string): void => {
      if (o.childLog) appendFileSync(o.childLog, `${line}\n`);
      const g = /^GCPROBE (\S+) (\S+) (\S+)/.exec(line);
      if (g) gcs.push({ kind: g[1]!, start: Number(g[2]), dur: Number(g[3]) });
      const m = /HTTP listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        httpUrl = m[1]!;
        resolve();
      }
    };
    let buf = '';
    const feed = (chunk: Buffer): void => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      lines.forEach(onLine);
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.once('exit', (code) => reject(new Error(`engine exited (${code}) before listening`)));
  });
  try {
    await gotHttp;
    await server.waitForJoin(BENCH_CHANNEL, 15_000);

    let seq = 1;
    const names = Array.from({ length: o.users }, (_, i) => `viewer${i}`);
    const ids = Array.from({ length: o.users }, (_, i) => String(500_000_000 + i));
    const drive = (r: number, seconds: number): Promise<number> =>
      new Promise((resolve) => {
        const started = now();
        let sent = 0;
        let frames = 0;
        const lines: string[] = [];
        const tick = (): void => {
          const t = now();
          const due = Math.min(Math.floor(((t - started) / 1000) * r), Math.floor(seconds * r)) - sent;
          if (due > 0) {
            lines.length = 0;
            const sentTs = Math.floor(Date.now());
            for (let i = 0; i < due; i++) {
              const u = (sent + i) % o.users;
              lines.push(
                server.buildPrivmsg(BENCH_CHANNEL, {
                  user: names[u]!,
                  userId: ids[u]!,
                  text: `!${SEQ_COMMAND} ${seq + i}`,
                  sentTs,
                }),
              );
            }
            const at = now();
            for (let i = 0; i < due; i++) sentAt[seq + i] = at;
            seq += due;
            sent += due;
            frames++;
            server.sayLines(lines, BENCH_CHANNEL);
          }
          if (sent >= seconds * r) resolve(frames);
          else setTimeout(tick, 1);
        };
        tick();
      });
    await drive(Math.min(rate, 2000), o.warmupSeconds);
    await new Promise((r) => setTimeout(r, 300));
    const firstSeq = seq;
    const measuredFrom = now();
    gcs.length = 0;
    const frames = await drive(rate, o.seconds);
    const measuredTo = now();
    const lastSeq = seq;
    const deadline = now() + 5000;
    while (now() < deadline) {
      let missing = 0;
      for (let s = firstSeq; s < lastSeq; s++) if (recvAt[s] === 0) missing++;
      if (missing === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = (await (await fetch(`${httpUrl}/api/state`)).json()) as EngineStateSnapshot;
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    const gcIn = gcs.filter((g) => g.start + g.dur >= measuredFrom && g.start <= measuredTo + 50);

    const n = lastSeq - firstSeq;
    const e2e = new Float64Array(n);
    let lost = 0;
    for (let i = 0; i < n; i++) {
      const s = firstSeq + i;
      e2e[i] = recvAt[s]! > 0 ? recvAt[s]! - sentAt[s]! : Infinity;
      if (recvAt[s] === 0) lost++;
    }
    const sorted = e2e.slice().sort();
    const p99 = pct(sorted, 99);
    const overlaps = (s: number): boolean => {
      const a = sentAt[s]!;
      const b = recvAt[s]!;
      for (const g of gcIn) if (g.start <= b && g.start + g.dur >= a) return true;
      return false;
    };
    let tail = 0;
    let tailGc = 0;
    let allGc = 0;
    for (let i = 0; i < n; i++) {
      const s = firstSeq + i;
      const hit = recvAt[s]! > 0 && overlaps(s);
      if (hit) allGc++;
      if (e2e[i]! >= p99) {
        tail++;
        if (hit) tailGc++;
      }
    }
    const byKind = new Map<string, { n: number; ms: number; max: number }>();
    for (const g of gcIn) {
      const k = byKind.get(g.kind) ?? { n: 0, ms: 0, max: 0 };
      k.n++;
      k.ms += g.dur;
      k.max = Math.max(k.max, g.dur);
      byKind.set(g.kind, k);
    }
    const p = state.latency.process;
    const f = (x: number): string => x.toFixed(3);
    console.log(
      `\n== ${rate}/s for ${o.seconds} s, ${o.users} users, node args [${o.nodeArgs.join(' ')}]  load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(`frames ${frames} (${(n / frames).toFixed(1)} lines/frame), sent ${n}, lost ${lost}`);
    console.log(
      `in-process (engine HDR, last 10 s): P50 ${f(p.p50)}  P95 ${f(p.p95)}  P99 ${f(p.p99)}  max ${f(p.max)} ms  (n=${p.count})`,
    );
    console.log(
      `end-to-end: P50 ${f(pct(sorted, 50))}  P95 ${f(pct(sorted, 95))}  P99 ${f(p99)}  max ${f(sorted[n - 1]!)} ms`,
    );
    for (const [k, v] of byKind)
      console.log(`gc ${k}: ${v.n} pauses, ${v.ms.toFixed(1)} ms total, max ${v.max.toFixed(2)} ms`);
    console.log(
      `samples overlapping a GC pause: all ${((100 * allGc) / n).toFixed(2)} %, e2e tail (>= P99) ${tailGc}/${tail} = ${((100 * tailGc) / Math.max(1, tail)).toFixed(0)} %`,
    );
    console.log(`RSS ${(Number(rss) / 1024).toFixed(1)} MB, heap used ${state.memory.heapUsedMb} MB`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    udp.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const opts = parseArgs(process.argv.slice(2));
for (const rate of opts.rates) await runOnce(rate, opts);
