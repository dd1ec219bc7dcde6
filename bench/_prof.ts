import { SeqTable } from './load/seqTable';
import { epochNowMs } from './clock';
import { OscSeqReceiver } from './load/receiver';
import { createSender } from './load/senderHost';
import { BENCH_CHANNEL } from './load/sender';
import { spawnTracked } from './subjects/children';
import { benchEngineConfig } from './subjects/subjects';
import { summarizeRange } from './stats/latency';
import { writeFileSync, mkdirSync } from 'node:fs';

const rate = Number(process.argv[2] ?? 10000);
const table = SeqTable.create(2_000_000);
const epoch = epochNowMs();
const rx = await OscSeqReceiver.start(table, epoch);
const tx = createSender('inline', table, epoch);
const { url } = await tx.start();
const dir = '/tmp/benchdev/prof/work';
mkdirSync(dir, { recursive: true });
const ctx = {
  repoRoot: '/work/main',
  twitchUrl: url,
  oscPort: rx.port,
  workDir: dir,
  engineOverload: { maxLagMs: 10000, memoryCapMb: 4000 },
};
writeFileSync(dir + '/config.json', JSON.stringify(benchEngineConfig(ctx)));
const child = spawnTracked(
  process.execPath,
  [
    '--cpu-prof',
    '--cpu-prof-dir=/tmp/benchdev/prof',
    ...(process.env.EXTRA ? process.env.EXTRA.split(' ') : []),
    'bin/twitch-cv.mjs',
    'run',
    '--config',
    dir + '/config.json',
    '--data-dir',
    dir + '/data',
    '--twitch-server',
    url,
    '--osc',
    `127.0.0.1:${rx.port}`,
    '--http',
    '127.0.0.1:0',
  ],
  '/work/main',
);
const m = await child.waitForLine(/HTTP listening on (http:\/\/\S+)/, 30000);
await tx.waitForJoin(BENCH_CHANNEL, 10000);
await tx.runPhase({ index: 0, name: 'warm', rate: 2000, users: 1000, durationMs: 1000 });
const r = await tx.runPhase({ index: 1, name: 'load', rate, users: 1000, durationMs: 8000 });
await new Promise((res) => setTimeout(res, 500));
console.log(summarizeRange(table, r.firstSeq, r.endSeq));
const st = await (await fetch(m[1] + '/api/state')).json();
console.log(st.latency, st.counters, st.memory);
await child.stop();
await tx.stop();
await rx.close();
