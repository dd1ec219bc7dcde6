// Electron's entry point (out/main/index.js): the only module that imports 'electron'. It resolves where
// the built files live and hands the real Electron and the real engine to the shell.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, Tray } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './app';
import { createEngine } from './engineFactory';

const outMain = dirname(fileURLToPath(import.meta.url));
// Packaged: electron-builder copies build/app-icons to <resources>/app-icons (extraResources).
const icons = app.isPackaged
  ? join(process.resourcesPath, 'app-icons')
  : join(app.getAppPath(), 'build', 'app-icons');
// macOS draws template images in the menu bar's own colour; other systems get the coloured icon.
const trayIcon = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

void startApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, Tray },
  {
    createEngine,
    platform: process.platform,
    // A sandboxed preload cannot be an ES module: electron.vite.config.ts builds it as CommonJS (.cjs).
    preloadPath: join(outMain, '../preload/index.cjs'),
    rendererDir: join(outMain, '../renderer'),
    devServerUrl:
      !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null,
    windowIconPath: join(icons, 'icon.png'),
    trayIconPath: join(icons, trayIcon),
  },
);
