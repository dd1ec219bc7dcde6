import { describe, expect, it } from 'vitest';
import { IPC_PREFIX, REQUEST_NAMES, ipcChannel } from '../../shared/contract';
import { APP_INDEX_URL, isAppUrl } from './csp';
import { forwardEvents, registerContract, trustedSenderCheck } from './ipc';
import { createFakeElectron } from './testing/fakeElectron';
import { createRecordingHost } from './testing/fakeHost';
import { snapshotWith } from './testing/snapshot';

/** A fake Electron with the app window loaded and the contract registered, as main sets it up. */
async function setUp(devServerUrl: string | null = null) {
  const fake = createFakeElectron();
  fake.ready();
  const window = new fake.BrowserWindow({});
  await window.loadURL(devServerUrl ?? APP_INDEX_URL);
  const host = createRecordingHost((name) => (name === 'getConfig' ? { channels: ['x'] } : { ok: true }));
  const check = trustedSenderCheck(
    () => window.webContents.id,
    (url) => isAppUrl(url, devServerUrl),
  );
  const unregister = registerContract(fake.ipcMain, host, check);
  const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
  return { fake, window, host, unregister, fromWindow };
}

describe('registerContract', () => {
  it('registers every request of the contract exactly once, and nothing else', async () => {
    const { fake } = await setUp();
    expect([...fake.ipcMain.handleCalls].sort()).toEqual(REQUEST_NAMES.map(ipcChannel).sort());
    expect(new Set(fake.ipcMain.handleCalls).size).toBe(fake.ipcMain.handleCalls.length);
    expect(fake.ipcMain.handleCalls.every((c) => c.startsWith(IPC_PREFIX))).toBe(true);
  });

  it('passes a valid request from the app window to the engine, parsed by the contract', async () => {
    const { fake, host, fromWindow } = await setUp();
    const reply = await fake.ipcMain.invokeFrom(fromWindow, ipcChannel('connect'), {
      channel: ' SomeStreamer ',
    });
    expect(reply).toEqual({ ok: true, value: { ok: true } });
    // The schema's transform ran: the engine sees the normalised channel name.
    expect(host.calls).toEqual([{ name: 'connect', input: { channel: 'somestreamer' } }]);
  });

  it('replies with the engine result for requests without input', async () => {
    const { fake, host, fromWindow } = await setUp();
    const reply = await fake.ipcMain.invokeFrom(fromWindow, ipcChannel('getConfig'));
    expect(reply).toEqual({ ok: true, value: { channels: ['x'] } });
    expect(host.calls).toEqual([{ name: 'getConfig', input: undefined }]);
  });

  it('refuses invalid input with the parse error, and the engine never sees it', async () => {
    const { fake, host, fromWindow } = await setUp();
    const spaced = await fake.ipcMain.invokeFrom(fromWindow, ipcChannel('connect'), { channel: 'two words' });
    expect(spaced).toEqual({
      ok: false,
      error: 'invalid connect request: channel: A channel name cannot contain spaces.',
    });
    const extra = await fake.ipcMain.invokeFrom(fromWindow, ipcChannel('panic'), { now: true });
    expect(extra).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid panic request/) });
    const huge = await fake.ipcMain.invokeFrom(fromWindow, ipcChannel('getHistory'), { limit: 1e9 });
    expect(huge).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid getHistory request: limit:/),
    });
    expect(host.calls).toEqual([]);
  });

  it('refuses calls that do not come from the top frame of the app window showing the app', async () => {
    const { fake, window, host } = await setUp();
    const other = new fake.BrowserWindow({});
    await other.loadURL(APP_INDEX_URL);
    const iframe = { url: APP_INDEX_URL, parent: window.webContents.mainFrame };
    const senders = [
      { sender: other.webContents, senderFrame: other.webContents.mainFrame }, // another window
      { sender: window.webContents, senderFrame: iframe }, // a subframe of the app window
      { sender: window.webContents, senderFrame: null }, // a frame that is gone
      { sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: window.webContents, senderFrame: { url: 'file:///tmp/index.html', parent: null } },
    ];
    for (const event of senders) {
      const reply = await fake.ipcMain.invokeFrom(event, ipcChannel('panic'));
      expect(reply).toEqual({
        ok: false,
        error: 'refused panic: the request did not come from the Twitch-to-CV window',
      });
    }
    expect(host.calls).toEqual([]);
  });

  it('trusts the dev server page in development, and only its origin', async () => {
    const { fake, window, host } = await setUp('http://localhost:5173/');
    const frame = window.webContents.mainFrame;
    expect(
      await fake.ipcMain.invokeFrom({ sender: window.webContents, senderFrame: frame }, ipcChannel('resume')),
    ).toEqual({
      ok: true,
      value: { ok: true },
    });
    frame.url = 'http://localhost:5174/';
    expect(
      await fake.ipcMain.invokeFrom({ sender: window.webContents, senderFrame: frame }, ipcChannel('resume')),
    ).toMatchObject({
      ok: false,
    });
    expect(host.calls).toHaveLength(1);
  });

  it('turns an engine failure into an error reply instead of a crash', async () => {
    const fake = createFakeElectron();
    fake.ready();
    const window = new fake.BrowserWindow({});
    await window.loadURL(APP_INDEX_URL);
    const host = createRecordingHost(() => {
      throw new Error('store is closed');
    });
    registerContract(fake.ipcMain, host, () => true);
    const reply = await fake.ipcMain.invokeFrom(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      ipcChannel('getState'),
    );
    expect(reply).toEqual({ ok: false, error: 'getState failed: store is closed' });
  });

  it('removes every handler when unregistered, so a later registration does not collide', async () => {
    const { fake, host, unregister } = await setUp();
    unregister();
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(() => registerContract(fake.ipcMain, host, () => true)).not.toThrow();
  });
});

describe('forwardEvents', () => {
  it('sends each event to live windows with the payload only, and skips closed ones', async () => {
    const { fake, window, host } = await setUp();
    const closed = new fake.BrowserWindow({});
    closed.close();
    const stop = forwardEvents(host, () => [window.webContents, closed.webContents]);
    const snapshot = snapshotWith({ panic: true });
    host.emit('snapshot', snapshot);
    host.emit('commands', { events: [], dropped: 3 });
    expect(window.webContents.sent).toEqual([
      { channel: 'twitch-cv:snapshot', args: [snapshot] },
      { channel: 'twitch-cv:commands', args: [{ events: [], dropped: 3 }] },
    ]);
    expect(closed.webContents.sent).toEqual([]);
    stop();
    expect(host.listenerCount()).toBe(0);
  });

  it('keeps publishing when a payload cannot be sent', async () => {
    const { window, host } = await setUp();
    forwardEvents(host, () => [window.webContents]);
    host.emit('config', { broken: () => 1 } as never); // functions cannot be cloned
    host.emit('commands', { events: [], dropped: 0 });
    expect(window.webContents.sent.map((s) => s.channel)).toEqual(['twitch-cv:commands']);
  });
});
