// The entry point with a stand-in 'electron' module: it must hand the shell the real module's parts and
// the paths electron-vite's build lays out (out/main, out/preload/index.cjs, out/renderer).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES } from '../../shared/contract';
import { createFakeElectron } from './testing/fakeElectron';
import { createRecordingHost } from './testing/fakeHost';

const userData = mkdtempSync(join(tmpdir(), 'twitch-cv-index-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

const fake = createFakeElectron({ userData });
const engine = Object.assign(
  createRecordingHost((name) => (name === 'getConfig' ? { channels: [] } : { ok: true })),
  { start: async () => {}, stop: async () => {} },
);
vi.mock('electron', () => fake);
vi.mock('./engineFactory', () => ({ createEngine: async () => engine }));

describe('electron/main/index.ts', () => {
  it('boots the shell with the built layout and the engine factory', async () => {
    await import('./index');
    // The scheme was made privileged at import time, before 'ready', as Electron requires.
    expect(fake.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    fake.ready();
    await expect.poll(() => fake.BrowserWindow.instances.length).toBe(1);
    const window = fake.BrowserWindow.instances[0]!;
    // Built, this file is out/main/index.js; here it is electron/main/index.ts: the preload is a sibling folder.
    expect(window.options.webPreferences?.preload).toBe(resolve(__dirname, '../preload/index.cjs'));
    expect(window.options.icon).toBe(join(process.cwd(), 'build', 'app-icons', 'icon.png'));
    expect(fake.Tray.instances[0]!.iconPath).toBe(join(process.cwd(), 'build', 'app-icons', 'tray.png'));
    expect(fake.ipcMain.handlers.size).toBe(REQUEST_NAMES.length);
  });
});
