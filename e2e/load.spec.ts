// The dashboard under a flood: 5,000 chat commands per second through the real engine. The page must keep
// painting (batched snapshots, charts outside React, a bounded feed), and say how fast chat is going.
import { connectTo, expect, test, useDashboard } from './fixtures/dashboard';

test.describe.configure({ mode: 'serial' });
const dashboard = useDashboard();
const CHANNEL = 'flood';
const RATE = 5000;
const TICK_MS = 10;

test('the dashboard stays smooth with 5,000 commands/s flowing', async () => {
  test.setTimeout(90_000);
  const dash = dashboard();
  const { page, peers } = dash;
  await connectTo(dash, CHANNEL);

  // IRC lines from 2,000 viewers, sent in one WebSocket frame per tick as Twitch batches them. Each needs
  // its own `id` tag: the engine drops repeats of an id (what Twitch resends after a reconnect).
  const perTick = (RATE * TICK_MS) / 1000;
  let n = 0;
  const flood = setInterval(() => {
    const batch: string[] = [];
    for (let i = 0; i < perTick; i++, n++)
      batch.push(
        peers.twitch.buildPrivmsg(CHANNEL, {
          user: `viewer${n % 2000}`,
          text: `!cutoff ${n % 101}`,
          id: `flood-${n}`,
        }),
      );
    peers.twitch.sayLines(batch, CHANNEL);
  }, TICK_MS);

  try {
    // The engine reports the flood (its rate is over the last few seconds, so give it time to fill).
    await expect
      .poll(
        async () => Number((await page.getByTestId('stat-cps-value').textContent())?.replace(/[^\d.]/g, '')),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(RATE * 0.5);

    // Frame pacing over five seconds of flood: rAF keeps firing, no long freezes.
    const gaps = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const out: number[] = [];
          let last = performance.now();
          const end = last + 5000;
          const frame = (t: number) => {
            out.push(t - last);
            last = t;
            if (t < end) requestAnimationFrame(frame);
            else resolve(out);
          };
          requestAnimationFrame(frame);
        }),
    );
    const sorted = [...gaps].sort((a, b) => a - b);
    const fps = gaps.length / 5;
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    const worst = sorted.at(-1)!;
    console.log(
      `flood: ${fps.toFixed(0)} fps, frame gap p95 ${p95.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`,
    );
    // Frame rate is a figure, not a pass/fail line: this machine is shared and noisy (a quiet run paints at
    // 55-60 fps flooded; before the feed was windowed it managed 5). What must hold is what a streamer needs
    // mid-flood: the page keeps painting (no multi-second freeze) and PANIC works at once.
    expect(gaps.length).toBeGreaterThan(0);
    expect(worst).toBeLessThan(3000);
    await page.getByTestId('panic-button').click();
    await expect(page.getByTestId('panic-banner')).toBeVisible();
    await page.getByTestId('resume-button').click();
    await expect(page.getByTestId('panic-banner')).toBeHidden();

    // Only the rows in view are in the DOM, however much arrives.
    expect(await page.getByTestId('feed-row').count()).toBeLessThan(60);
    await dash.shot('flood');
  } finally {
    clearInterval(flood);
  }
});
