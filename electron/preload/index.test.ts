// The preload runs against a stand-in Electron whose ipcRenderer reaches the real main-side registration,
// so these tests follow a call from window.twitchCv through IPC to the engine and back.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, type TwitchCvApi } from '../../shared/contract';
import { APP_INDEX_URL, isAppUrl } from '../main/csp';
import { registerContract, trustedSenderCheck, forwardEvents } from '../main/ipc';
import type { FakeElectron } from '../main/testing/fakeElectron';
import { createRecordingHost } from '../main/testing/fakeHost';
import { snapshotWith } from '../main/testing/snapshot';

vi.mock('electron', async () => (await import('../main/testing/fakeElectron')).createFakeElectron());

let fake: FakeElectron;
let api: TwitchCvApi;
const host = createRecordingHost((name) =>
  name === 'getState' ? snapshotWith({ activeUsers: 7 }) : { ok: true },
);

beforeAll(async () => {
  fake = (await import('electron')) as unknown as FakeElectron;
  fake.ready();
  const window = new fake.BrowserWindow({});
  await window.loadURL(APP_INDEX_URL);
  fake.attachRenderer(window.webContents);
  registerContract(
    fake.ipcMain,
    host,
    trustedSenderCheck(
      () => window.webContents.id,
      (url) => isAppUrl(url, null),
    ),
  );
  forwardEvents(host, () => [window.webContents]);
  await import('./index');
  api = fake.renderer.exposed.twitchCv as TwitchCvApi;
});

describe('preload', () => {
  it('exposes one object, twitchCv, with exactly the contract requests and on()', () => {
    expect(Object.keys(fake.renderer.exposed)).toEqual(['twitchCv']);
    expect(Object.keys(api).sort()).toEqual([...REQUEST_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('resolves a request with the engine result', async () => {
    const state = await api.getState();
    expect(state.activeUsers).toBe(7);
    expect(await api.connect({ channel: 'some_channel' })).toEqual({ ok: true });
    expect(host.calls.at(-1)).toEqual({ name: 'connect', input: { channel: 'some_channel' } });
  });

  it('rejects invalid input with the parse error text, before it reaches the engine', async () => {
    const before = host.calls.length;
    await expect(api.connect({ channel: '#' })).rejects.toThrow(
      /^invalid connect request: channel: Leave out the "#"/,
    );
    await expect(api.setVariable({ name: 'cutoff', value: Number.NaN })).rejects.toThrow(
      /^invalid setVariable request: value:/,
    );
    expect(host.calls.length).toBe(before);
  });

  it('hands event listeners the payload only, and stops after unsubscribe', () => {
    const received: unknown[][] = [];
    const off = api.on('snapshot', (...args) => received.push(args));
    const snapshot = snapshotWith({ panic: true });
    host.emit('snapshot', snapshot);
    expect(received).toEqual([[snapshot]]);
    off();
    host.emit('snapshot', snapshot);
    expect(received).toHaveLength(1);
  });

  it('keeps each event on its own channel', () => {
    const seen: string[] = [];
    const offs = EVENT_NAMES.map((name) => api.on(name, () => seen.push(name)));
    host.emit('commands', { events: [], dropped: 0 });
    expect(seen).toEqual(['commands']);
    offs.forEach((off) => off());
  });

  it('refuses to subscribe to an event that is not in the contract', () => {
    expect(() => api.on('ipc-internal' as never, () => {})).toThrow('unknown event "ipc-internal"');
  });
});
