// The lifecycle, run against the stand-in Electron: start-up order, single instance, quit flow.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config';
import { REQUEST_NAMES, ipcChannel } from '../../shared/contract';
import { startApp, type ShellOptions } from './app';
import { APP_INDEX_URL } from './csp';
import { createFakeElectron, type FakeElectron } from './testing/fakeElectron';
import { createRecordingHost } from './testing/fakeHost';
import { snapshotWith } from './testing/snapshot';
import type { CreateEngine } from './types';

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'twitch-cv-app-'));
});
afterEach(() => rmSync(userData, { recursive: true, force: true }));

function engineTwin(stop: () => Promise<void> = async () => {}) {
  const host = createRecordingHost((name) => (name === 'getConfig' ? { channels: [] } : { ok: true }));
  const engine = Object.assign(host, { started: 0, stops: 0, start: async () => void engine.started++ });
  const handle = Object.assign(engine, { stop: () => (engine.stops++, stop()) });
  const created: { dataDir: string; configPath: string }[] = [];
  const createEngine: CreateEngine = async (opts) => (created.push(opts), handle);
  return { engine: handle, createEngine, created };
}

function launch(fake: FakeElectron, createEngine: CreateEngine, over: Partial<ShellOptions> = {}) {
  const booted = startApp(fake, {
    createEngine,
    platform: 'linux',
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: '/app/out/renderer',
    devServerUrl: null,
    trayIconPath: '/app/icons/tray.png',
    ...over,
  });
  fake.ready();
  return booted;
}

describe('starting the app', () => {
  it('starts the engine on files in userData, then opens the locked-down window on the app', async () => {
    const fake = createFakeElectron({ userData });
    const { engine, createEngine, created } = engineTwin();
    await launch(fake, createEngine);
    expect(created).toEqual([{ dataDir: join(userData, 'data'), configPath: join(userData, 'config.json') }]);
    expect(engine.started).toBe(1);
    expect(existsSync(join(userData, 'data'))).toBe(true);
    const config = parseConfig(JSON.parse(readFileSync(join(userData, 'config.json'), 'utf8')));
    expect(config.ok && config.config.channels).toEqual([]);
    const [window] = fake.BrowserWindow.instances;
    expect(window!.loadedUrl).toBe(APP_INDEX_URL);
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect([...fake.protocol.handlers.keys()]).toEqual(['app']);
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(ipcChannel).sort());
    expect(await fake.defaultSession.requestPermission('media')).toBe(false);
    expect(fake.Tray.instances[0]!.iconPath).toBe('/app/icons/tray.png');
  });

  it('lets the window call the engine and sends it the engine events', async () => {
    const fake = createFakeElectron({ userData });
    const { engine, createEngine } = engineTwin();
    await launch(fake, createEngine);
    const window = fake.BrowserWindow.instances[0]!;
    fake.attachRenderer(window.webContents);
    expect(await fake.ipcRenderer.invoke(ipcChannel('panic'))).toEqual({ ok: true, value: { ok: true } });
    expect(engine.calls.at(-1)).toEqual({ name: 'panic', input: undefined });
    const snapshot = snapshotWith({ activeUsers: 3 });
    engine.emit('snapshot', snapshot);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: ipcChannel('snapshot'), args: [snapshot] });
  });

  it('keeps an existing config.json as the streamer left it', async () => {
    const fake = createFakeElectron({ userData });
    const { createEngine } = engineTwin();
    await launch(fake, createEngine);
    const before = readFileSync(join(userData, 'config.json'), 'utf8');
    const again = createFakeElectron({ userData });
    await launch(again, createEngine);
    expect(readFileSync(join(userData, 'config.json'), 'utf8')).toBe(before);
  });

  it('shows why start-up failed and exits non-zero, without a window', async () => {
    const fake = createFakeElectron({ userData });
    const createEngine: CreateEngine = async () => {
      throw new Error('config config.json is not valid:\n  variables.0.max: max must be greater than min');
    };
    await launch(fake, createEngine);
    expect(fake.dialog.errors).toEqual([
      {
        title: 'Twitch-to-CV could not start',
        content: 'config config.json is not valid:\n  variables.0.max: max must be greater than min',
      },
    ]);
    expect(fake.app.exitCode).toBe(1);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('loads the dev server in development and trusts calls from it', async () => {
    const fake = createFakeElectron({ userData });
    const { engine, createEngine } = engineTwin();
    await launch(fake, createEngine, { devServerUrl: 'http://localhost:5173/' });
    const window = fake.BrowserWindow.instances[0]!;
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    fake.attachRenderer(window.webContents);
    await fake.ipcRenderer.invoke(ipcChannel('resume'));
    expect(engine.calls.at(-1)?.name).toBe('resume');
  });
});

describe('one instance', () => {
  it('a second launch quits at once, before starting an engine', async () => {
    const fake = createFakeElectron({ userData, singleInstanceLock: false });
    const { created, createEngine } = engineTwin();
    await launch(fake, createEngine);
    expect(fake.app.quitted).toBe(true);
    expect(created).toEqual([]);
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('the first instance brings its window to the front when a second one is launched', async () => {
    const fake = createFakeElectron({ userData });
    await launch(fake, engineTwin().createEngine);
    const window = fake.BrowserWindow.instances[0]!;
    window.minimize();
    fake.app.emit('second-instance');
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });
});

describe('quitting', () => {
  it('holds the quit until the engine has stopped, stops it once, then quits', async () => {
    const fake = createFakeElectron({ userData });
    let finishStop: () => void = () => {};
    const { engine, createEngine } = engineTwin(() => new Promise<void>((resolve) => (finishStop = resolve)));
    await launch(fake, createEngine);
    fake.app.quit();
    fake.app.quit(); // impatient second click while the engine flushes
    await expect.poll(() => engine.stops).toBe(1);
    expect(fake.app.quitted).toBe(false);
    expect(fake.ipcMain.handlers.size).toBe(0); // the window can no longer start new work
    expect(fake.Tray.instances[0]!.destroyed).toBe(true);
    finishStop();
    await expect.poll(() => fake.app.quitted).toBe(true);
    expect(engine.stops).toBe(1);
    expect(fake.BrowserWindow.instances[0]!.isDestroyed()).toBe(true);
  });

  it('quits anyway when the engine does not stop in time', async () => {
    const fake = createFakeElectron({ userData });
    const { engine, createEngine } = engineTwin(() => new Promise<void>(() => {}));
    await launch(fake, createEngine, { stopTimeoutMs: 50 });
    fake.app.quit();
    await expect.poll(() => fake.app.quitted).toBe(true);
    expect(engine.stops).toBe(1);
  });

  it('closing the last window quits on Linux and Windows, but not on macOS', async () => {
    const linux = createFakeElectron({ userData });
    await launch(linux, engineTwin().createEngine);
    linux.BrowserWindow.instances[0]!.close();
    await expect.poll(() => linux.app.quitted).toBe(true);

    const mac = createFakeElectron({ userData });
    await launch(mac, engineTwin().createEngine, { platform: 'darwin' });
    mac.BrowserWindow.instances[0]!.close();
    expect(mac.app.quitCount).toBe(0);
    mac.Tray.instances[0]!.menu!.click('Show window'); // the tray reopens it
    expect(mac.BrowserWindow.instances.filter((w) => !w.isDestroyed())).toHaveLength(1);
  });
});
