import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_INDEX_URL } from './csp';
import { createFakeElectron, type FakeElectron } from './testing/fakeElectron';
import { createMainWindow, revealWindow } from './window';
import { DEFAULT_SIZE } from './windowState';

let dir: string;
let fake: FakeElectron;
let stateFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'twitch-cv-window-'));
  stateFile = join(dir, 'window-state.json');
  fake = createFakeElectron();
  fake.ready();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open() {
  const deps = {
    BrowserWindow: fake.BrowserWindow,
    shell: fake.shell,
    workAreas: () => fake.screen.workAreas,
  };
  createMainWindow(deps, { url: APP_INDEX_URL, preloadPath: '/app/out/preload/index.cjs', stateFile });
  return fake.BrowserWindow.instances.at(-1)!;
}

describe('the main window', () => {
  it('runs the page isolated, sandboxed, without Node, with web security on', () => {
    const prefs = open().options.webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app and shows itself once it has painted', async () => {
    const window = open();
    expect(window.loadedUrl).toBe(APP_INDEX_URL);
    await expect.poll(() => window.visible).toBe(true);
  });

  it('never opens a new window; web links go to the default browser', () => {
    const { webContents } = open();
    expect(webContents.tryOpenWindow('https://twitch.tv/somechannel')).toEqual({ action: 'deny' });
    expect(webContents.tryOpenWindow('http://example.com/')).toEqual({ action: 'deny' });
    expect(webContents.tryOpenWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(webContents.tryOpenWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://twitch.tv/somechannel', 'http://example.com/']);
  });

  it('never navigates away from the app; a clicked web link opens in the browser instead', () => {
    const { webContents } = open();
    expect(webContents.tryNavigate('https://evil.example/phish')).toBe(false);
    expect(webContents.tryNavigate('file:///home/streamer/.ssh/id_rsa')).toBe(false);
    expect(webContents.mainFrame.url).toBe(APP_INDEX_URL);
    expect(fake.shell.opened).toEqual(['https://evil.example/phish']);
  });

  it('refuses to attach a <webview>', () => {
    const { webContents } = open();
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });

  it('comes back where it was closed, maximised if it was', async () => {
    const first = open();
    first.bounds = { x: 200, y: 150, width: 1000, height: 700 };
    first.maximize();
    first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({
      bounds: { x: 200, y: 150, width: 1000, height: 700 },
      maximized: true,
    });
    const second = open();
    expect(second.options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    await expect.poll(() => second.maximized && second.visible).toBe(true);
  });

  it('opens at the default size when the saved position is on a display that is gone', () => {
    writeFileSync(
      stateFile,
      JSON.stringify({ bounds: { x: 2200, y: 100, width: 1000, height: 700 }, maximized: false }),
    );
    const window = open();
    expect(window.options).toMatchObject(DEFAULT_SIZE);
    expect(window.options).not.toHaveProperty('x');
  });

  it('restores onto a second display that is still attached', () => {
    fake.screen.workAreas = [
      { x: 0, y: 0, width: 1920, height: 1040 },
      { x: 1920, y: 0, width: 1920, height: 1040 },
    ];
    writeFileSync(
      stateFile,
      JSON.stringify({ bounds: { x: 2200, y: 100, width: 1000, height: 700 }, maximized: false }),
    );
    expect(open().options).toMatchObject({ x: 2200, y: 100 });
  });

  it('ignores a corrupt state file', () => {
    writeFileSync(stateFile, '{"bounds": {"x": "left"');
    expect(open().options).toMatchObject(DEFAULT_SIZE);
    writeFileSync(stateFile, '{"bounds": {"x": 0, "y": 0, "width": -5, "height": 10}}');
    expect(open().options).toMatchObject(DEFAULT_SIZE);
  });

  it('is brought to the front and un-minimised when revealed', () => {
    const window = open();
    window.minimize();
    revealWindow(window);
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });
});
