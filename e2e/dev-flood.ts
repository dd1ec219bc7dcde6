// Manual profiling harness: the real engine under a chat flood, the dashboard in Chromium, and where the
// page's main thread spends its time (CDP Performance metrics).  npx tsx e2e/dev-flood.ts [rate] [seconds]
import { chromium } from '@playwright/test';
import { E2E_CONFIG, startEngine, startPeers } from './fixtures/stack';

const rate = Number(process.argv[2] ?? 5000);
const seconds = Number(process.argv[3] ?? 5);
const CHANNEL = 'flood';
const peers = await startPeers();
const engine = await startEngine(peers, { ...E2E_CONFIG, channels: [CHANNEL] });
await peers.twitch.waitForJoin(CHANNEL, 20_000);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(engine.url);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () =>
  Object.fromEntries(
    ((await cdp.send('Performance.getMetrics')).metrics as { name: string; value: number }[]).map((m) => [
      m.name,
      m.value,
    ]),
  );

let n = 0;
const perTick = rate / 100;
const flood = setInterval(() => {
  const batch: string[] = [];
  for (let i = 0; i < perTick; i++, n++)
    batch.push(
      peers.twitch.buildPrivmsg(CHANNEL, {
        user: `viewer${n % 2000}`,
        text: `!cutoff ${n % 101}`,
        id: `f-${n}`,
      }),
    );
  peers.twitch.sayLines(batch, CHANNEL);
}, 10);
await new Promise((r) => setTimeout(r, 4000));
await cdp.send('Profiler.enable');
await cdp.send('Profiler.start');
const before = await metrics();
const cpuBefore = process.cpuUsage();
// A string, not a function: tsx would wrap a function's inner closures in a helper the page does not have.
const frames = (await page.evaluate(`new Promise((resolve) => {
  let count = 0;
  const end = performance.now() + ${seconds * 1000};
  const f = (t) => (count++, t < end ? requestAnimationFrame(f) : resolve(count));
  requestAnimationFrame(f);
})`)) as number;
const after = await metrics();
const { profile } = (await cdp.send('Profiler.stop')) as {
  profile: {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number };
      hitCount?: number;
    }[];
    samples: number[];
    timeDeltas: number[];
  };
};
const self = new Map<string, number>();
for (const node of profile.nodes) {
  const k = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + (node.hitCount ?? 0));
}
const totalHits = [...self.values()].reduce((a, b) => a + b, 0);
console.log(
  [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, v]) => `${((v / totalHits) * 100).toFixed(1)}% ${k}`)
    .join('\n'),
);
const cpu = process.cpuUsage(cpuBefore);
const d = (k: string) => ((after[k]! - before[k]!) * 1000).toFixed(0);
console.log(
  `rate ${rate}/s sent ${n}: ${(frames / seconds).toFixed(1)} fps; page main thread over ${seconds}s: task ${d('TaskDuration')} ms, script ${d('ScriptDuration')} ms, layout ${d('LayoutDuration')} ms, style ${d('RecalcStyleDuration')} ms; load generator CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
);
clearInterval(flood);
await browser.close();
await engine.stop();
await peers.close();
