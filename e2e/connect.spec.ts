// The Connect flow: channel names checked before anything is sent, connecting for real to the (fake) Twitch
// server, reconnecting shown as it happens, and the page saying so when it loses the engine itself.
import { FakeTwitchServer } from '../electron/core/chat/fakeTwitchServer';
import { connectTo, expect, test, useDashboard } from './fixtures/dashboard';

test.describe.configure({ mode: 'serial' });
const dashboard = useDashboard();

test('invalid channel names get a specific message beside the field and nothing is sent', async () => {
  const dash = dashboard();
  const { page } = dash;
  const input = page.getByTestId('channel-input');
  const error = page.getByTestId('channel-error');
  const cases: [string, RegExp][] = [
    ['', /Type your Twitch channel name/],
    ['my channel', /cannot contain spaces/],
    ['#mychannel', /Leave out the "#"/],
    ['a'.repeat(26), /Too long: .* at most 25 characters \(this has 26\)/],
    ['x', /Too short/],
    ['bad-name!', /"-" is not allowed/],
  ];
  for (const [name, message] of cases) {
    await input.fill(name);
    await page.getByTestId('connect-button').click();
    await expect(error).toHaveText(message);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  }
  // Typing clears the message; the engine was never asked to connect.
  await input.fill('fine_name');
  await expect(error).toBeHidden();
  await expect(page.getByTestId('chat-state')).toHaveAttribute('data-state', 'disconnected');
  expect(dash.peers.twitch.clientCount()).toBe(0);
  await page.getByTestId('channel-input').fill('#mychannel');
  await page.getByTestId('connect-button').click();
  // The message floats below the field, outside the bar's box: shoot the page.
  await dash.shot('connect-bar-error');
});

test('Connect joins the channel and the state shows it; Disconnect leaves', async () => {
  const dash = dashboard();
  const { page } = dash;
  await connectTo(dash, 'E2E_Channel'.toLowerCase());
  expect(dash.peers.twitch.joinedChannels()).toEqual(['e2e_channel']);
  await dash.shot('connect-bar', page.getByTestId('connect-bar'));

  await page.getByTestId('disconnect-button').click();
  await expect(page.getByTestId('chat-state')).toHaveAttribute('data-state', 'disconnected');
  await expect.poll(() => dash.peers.twitch.clientCount()).toBe(0);
});

test('losing Twitch shows reconnecting with the reason, and connected again once it is back', async () => {
  const dash = dashboard();
  const { page } = dash;
  await connectTo(dash, 'e2e_channel');
  const port = dash.peers.twitch.port;
  await dash.peers.twitch.stop();
  const state = page.getByTestId('chat-state');
  await expect(state).toHaveAttribute('data-state', /reconnecting|connecting/);
  await expect(page.getByTestId('chat-reason')).not.toBeEmpty();
  await dash.shot('connect-bar-reconnecting', page.getByTestId('connect-bar'));

  // Twitch comes back on the same address: the engine rejoins by itself.
  const revived = new FakeTwitchServer({ port });
  await revived.start();
  dash.peers.twitch = revived;
  await revived.waitForJoin('e2e_channel', 30_000);
  await expect(state).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
});

test('the page says so when it loses the engine', async () => {
  const dash = dashboard();
  test.skip(dash.engine === null, 'only the browser dashboard has a network link to lose');
  await dash.engine!.stop();
  const banner = dash.page.getByTestId('link-banner');
  await expect(banner).toContainText('Lost the connection to the engine');
  await expect(banner).toHaveAttribute('data-state', 'reconnecting');
});
