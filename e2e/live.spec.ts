// The live show: chat drives the meters and the synth, refusals carry their reason, PANIC freezes and
// Resume restores, and the streamer can lock, reset and block from the dashboard.
import { connectTo, expect, feedRow, test, useDashboard } from './fixtures/dashboard';

test.describe.configure({ mode: 'serial' });
const dashboard = useDashboard();
const CHANNEL = 'live_show';

test.beforeAll(async () => {
  await connectTo(dashboard(), CHANNEL);
});

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-6;

test('a chat command moves the meter, shows as accepted in the feed, and reaches the synth as a float', async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  peers.twitch.say(CHANNEL, { user: 'synthfan', text: '!cutoff 70' });

  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '70');
  await expect(page.getByTestId('value-cutoff')).toHaveText('70');
  await expect(page.getByTestId('output-cutoff')).toHaveText('0.700');
  await expect(page.getByTestId('last-user-cutoff')).toContainText('synthfan');
  const row = feedRow(page, 'synthfan', '!cutoff 70');
  await expect(row).toHaveAttribute('data-outcome', 'accepted');
  await expect(row.getByTestId('feed-outcome')).toHaveText('✓ 70');

  const osc = await peers.osc.waitFor((m) => m.address === '/cv/cutoff' && near(m.args[0], 0.7), 5000);
  expect(osc.types).toBe(',f');

  // A pitch by note name: the meter shows the note.
  peers.twitch.say(CHANNEL, { user: 'patchcable', text: '!pitch C4' });
  await expect(page.getByTestId('value-pitch')).toHaveText('C4');
  await expect(page.getByTestId('stat-accepted-value')).not.toHaveText('0');
});

test('refused commands show their reason in the feed and change nothing', async () => {
  const { page, peers } = dashboard();
  peers.twitch.say(CHANNEL, { user: 'typo_tom', text: '!cutoff banana' });
  peers.twitch.say(CHANNEL, { user: 'typo_tom', text: '!cuttof 20' });
  peers.twitch.say(CHANNEL, { user: 'viewer_vic', text: '!wave 3' });

  await expect(feedRow(page, 'typo_tom', '!cutoff banana')).toHaveAttribute('data-reason', 'bad_value');
  await expect(feedRow(page, 'typo_tom', '!cutoff banana').getByTestId('feed-outcome')).toHaveText(
    '✕ bad value',
  );
  await expect(feedRow(page, 'typo_tom', '!cuttof 20').getByTestId('feed-outcome')).toHaveText(
    '✕ unknown variable',
  );
  await expect(feedRow(page, 'viewer_vic', '!wave 3').getByTestId('feed-outcome')).toHaveText(
    '✕ no permission',
  );
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '70');
  await expect(page.getByTestId('meter-wave')).toHaveAttribute('aria-valuenow', '1');
});

test('PANIC sends every variable to its default and freezes chat; Resume hands control back', async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '70');
  peers.osc.clear();

  await page.getByTestId('panic-button').click();
  await expect(page.getByTestId('panic-banner')).toBeVisible();
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '50');
  await peers.osc.waitFor((m) => m.address === '/cv/cutoff' && near(m.args[0], 0.5), 5000);

  peers.twitch.say(CHANNEL, { user: 'synthfan', text: '!cutoff 20' });
  await expect(feedRow(page, 'synthfan', '!cutoff 20').getByTestId('feed-outcome')).toHaveText('✕ panic');
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '50');
  await dash.shot('panic');

  await page.getByTestId('resume-button').click();
  await expect(page.getByTestId('panic-banner')).toBeHidden();
  await expect(page.getByTestId('panic-button')).toBeVisible();
  peers.twitch.say(CHANNEL, { user: 'synthfan', text: '!cutoff 25' });
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '25');
  await peers.osc.waitFor((m) => m.address === '/cv/cutoff' && near(m.args[0], 0.25), 5000);
});

test('lock refuses chat for one variable, unlock and reset restore it', async () => {
  const { page, peers } = dashboard();
  await page.getByTestId('lock-resonance').click();
  await expect(page.getByTestId('locked-resonance')).toBeVisible();
  peers.twitch.say(CHANNEL, { user: 'res_fan', text: '!res 9' });
  await expect(feedRow(page, 'res_fan', '!res 9').getByTestId('feed-outcome')).toHaveText('✕ locked');
  await expect(page.getByTestId('meter-resonance')).toHaveAttribute('aria-valuenow', '2');

  await page.getByTestId('unlock-resonance').click();
  await expect(page.getByTestId('locked-resonance')).toBeHidden();
  peers.twitch.say(CHANNEL, { user: 'res_fan', text: '!res 8' });
  await expect(page.getByTestId('meter-resonance')).toHaveAttribute('aria-valuenow', '8');

  await page.getByTestId('reset-resonance').click();
  await expect(page.getByTestId('meter-resonance')).toHaveAttribute('aria-valuenow', '2');
});

test('the streamer sets a value by hand: checked, then sent like chat', async () => {
  const { page, peers } = dashboard();
  await page.getByTestId('set-cutoff').click();
  await page.getByTestId('set-input-cutoff').fill('loud');
  await page.getByTestId('set-send-cutoff').click();
  await expect(page.getByTestId('set-error-cutoff')).toHaveText('"loud" is not a number');
  await page.getByTestId('set-input-cutoff').fill('42');
  await page.getByTestId('set-send-cutoff').click();
  await expect(page.getByTestId('set-form-cutoff')).toBeHidden();
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '42');
  await peers.osc.waitFor((m) => m.address === '/cv/cutoff' && near(m.args[0], 0.42), 5000);

  await page.getByTestId('set-pitch').click();
  await page.getByTestId('set-input-pitch').fill('A4');
  await page.getByTestId('set-input-pitch').press('Enter');
  await expect(page.getByTestId('value-pitch')).toHaveText('A4');
});

test('the users panel lists chatters; a blocked user is refused until unblocked', async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  const row = page.getByTestId('user-row-synthfan');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('user-accepted')).not.toHaveText('0');

  await page.getByTestId('users-search').fill('typo');
  await expect(page.getByTestId('user-row-typo_tom')).toBeVisible();
  await expect(row).toBeHidden();
  await page.getByTestId('users-search').fill('');
  await expect(row).toBeVisible();

  await page.getByTestId('block-synthfan').click();
  await expect(row).toHaveAttribute('data-blocked', 'true');
  peers.twitch.say(CHANNEL, { user: 'synthfan', text: '!cutoff 99' });
  await expect(feedRow(page, 'synthfan', '!cutoff 99').getByTestId('feed-outcome')).toHaveText('✕ blocked');
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '42');
  await dash.shot('users', page.getByTestId('users-panel'));

  await page.getByTestId('unblock-synthfan').click();
  await expect(row).toHaveAttribute('data-blocked', 'false');
  peers.twitch.say(CHANNEL, { user: 'synthfan', text: '!cutoff 64' });
  await expect(page.getByTestId('meter-cutoff')).toHaveAttribute('aria-valuenow', '64');
});

test('the feed filters by user, variable and outcome', async () => {
  const { page } = dashboard();
  const rows = page.getByTestId('feed-row');
  await page.getByTestId('feed-filter-user').fill('typo');
  await expect(rows).not.toHaveCount(0);
  for (const user of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-user'))))
    expect(user).toBe('typo_tom');

  await page.getByTestId('feed-filter-user').fill('');
  await page.getByTestId('feed-filter-outcome').selectOption('refused');
  await expect(rows.and(page.locator('[data-outcome="accepted"]'))).toHaveCount(0);
  await expect(rows).not.toHaveCount(0);

  await page.getByTestId('feed-filter-outcome').selectOption('');
  await page.getByTestId('feed-filter-variable').selectOption('resonance');
  await expect(rows).not.toHaveCount(0);
  for (const v of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-variable'))))
    expect(v).toBe('resonance');
  await page.getByTestId('feed-filter-variable').selectOption('');
});

test('scrolling up pauses the feed; the pill counts new rows and jumps back to live', async () => {
  const dash = dashboard();
  const { page, peers } = dash;
  // Enough rows to scroll, from many viewers (each has a small rate-limit bucket).
  for (let i = 0; i < 40; i++) peers.twitch.say(CHANNEL, { user: `crowd${i}`, text: `!cutoff ${i}` });
  await expect(feedRow(page, 'crowd39', '!cutoff 39')).toBeVisible();

  const list = page.getByTestId('feed-list');
  await list.evaluate((el) => el.scrollTo(0, 0));
  const pill = page.getByTestId('feed-jump-live');
  await expect(pill).toBeVisible();
  for (let i = 0; i < 3; i++) peers.twitch.say(CHANNEL, { user: `late${i}`, text: `!res ${i + 1}` });
  await expect(pill).toHaveText(/^3 new — jump to live/);
  // While paused the new rows are not inserted under the reader.
  await expect(feedRow(page, 'late2', '!res 3')).toHaveCount(0);
  await dash.shot('feed', page.getByTestId('feed-panel'));

  await pill.click();
  await expect(pill).toBeHidden();
  await expect(feedRow(page, 'late2', '!res 3')).toBeInViewport();
});

test('live performance shows throughput, latency and users (screenshots of each panel)', async () => {
  const dash = dashboard();
  const { page } = dash;
  await expect(page.getByTestId('stat-p95-value')).toHaveText(/^\d+(\.\d+)?$/);
  await expect(page.getByTestId('stat-active-users-value')).not.toHaveText('0');
  await expect(page.getByTestId('latency-chart').locator('canvas')).toBeVisible();
  await dash.shot('performance', page.getByTestId('performance-panel'));
  await dash.shot('variables', page.getByTestId('variables-panel'));
  await dash.shot('dashboard');
});
