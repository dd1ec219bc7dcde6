import { describe, expect, it } from 'vitest';
import { createFakeElectron } from './testing/fakeElectron';
import { createRecordingHost } from './testing/fakeHost';
import { snapshotWith } from './testing/snapshot';
import { createTray } from './tray';

function setUp(configChannels: string[] = ['savedchannel']) {
  const fake = createFakeElectron();
  fake.ready();
  const host = createRecordingHost((name) =>
    name === 'getConfig' ? { channels: configChannels } : { ok: true },
  );
  const actions = { shown: 0, quit: 0 };
  const remove = createTray(
    {
      createTray: (icon) => new fake.Tray(icon),
      buildMenu: (template) => fake.Menu.buildFromTemplate(template),
      showWindow: () => actions.shown++,
      quit: () => actions.quit++,
    },
    host,
    '/icons/tray.png',
  );
  const tray = fake.Tray.instances[0]!;
  return { fake, host, tray, actions, remove };
}

describe('the tray', () => {
  it('offers to connect to the channel from the config once it is known', async () => {
    const { tray, host } = setUp();
    expect(tray.iconPath).toBe('/icons/tray.png');
    await expect.poll(() => tray.menu?.item('Connect').label).toBe('Connect to #savedchannel');
    tray.menu!.click('Connect to');
    await expect
      .poll(() => host.calls.at(-1))
      .toEqual({ name: 'connect', input: { channel: 'savedchannel' } });
  });

  it('cannot connect before any channel is known', async () => {
    const { tray, host } = setUp([]);
    await expect.poll(() => host.calls.length).toBe(1); // getConfig answered
    expect(tray.menu!.item('Connect').enabled).toBe(false);
  });

  it('follows the chat state: Disconnect while reading, then Connect to the last channel', async () => {
    const { tray, host } = setUp([]);
    host.emit(
      'snapshot',
      snapshotWith({ chat: { state: 'connected', channels: ['livechan'], reason: null } }),
    );
    expect(tray.toolTip).toBe('Twitch-to-CV: connected to #livechan');
    tray.menu!.click('Disconnect from #livechan');
    await expect.poll(() => host.calls.at(-1)?.name).toBe('disconnect');
    host.emit('snapshot', snapshotWith({ chat: { state: 'disconnected', channels: [], reason: null } }));
    tray.menu!.click('Connect to #livechan');
    await expect.poll(() => host.calls.at(-1)).toEqual({ name: 'connect', input: { channel: 'livechan' } });
  });

  it('PANIC and Resume are each enabled only when they make sense', async () => {
    const { tray, host } = setUp();
    expect(tray.menu!.item('PANIC').enabled).toBe(true);
    expect(tray.menu!.item('Resume').enabled).toBe(false);
    tray.menu!.click('PANIC');
    await expect.poll(() => host.calls.at(-1)?.name).toBe('panic');
    host.emit('snapshot', snapshotWith({ panic: true }));
    expect(tray.menu!.item('PANIC').enabled).toBe(false);
    expect(tray.toolTip).toContain('(PANIC)');
    tray.menu!.click('Resume');
    await expect.poll(() => host.calls.at(-1)?.name).toBe('resume');
  });

  it('shows the window and quits from the menu', () => {
    const { tray, actions } = setUp();
    tray.menu!.click('Show window');
    tray.menu!.click('Quit');
    expect(actions).toEqual({ shown: 1, quit: 1 });
  });

  it('does not rebuild the menu for snapshots that change nothing it shows', async () => {
    const { fake, host } = setUp();
    await expect.poll(() => fake.Menu.built).toBe(2); // initial, then the config's channel
    for (let i = 0; i < 50; i++) host.emit('snapshot', snapshotWith({ at: i, activeUsers: i }));
    expect(fake.Menu.built).toBe(2);
  });

  it('is removed, and stops listening, when the app shuts down', () => {
    const { tray, host, remove } = setUp();
    remove();
    expect(tray.destroyed).toBe(true);
    expect(host.listenerCount()).toBe(0);
  });
});
