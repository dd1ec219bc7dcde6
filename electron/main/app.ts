// The app's lifecycle: one instance, engine first, then the locked-down window, IPC and tray; on quit the
// engine stops reading chat and flushes before the process exits. Electron arrives as a parameter so the
// whole flow runs in unit tests against a stand-in.
import type { MenuItemConstructorOptions } from 'electron';
import { createRendererHandler, APP_SCHEME_PRIVILEGES } from './appProtocol';
import { APP_INDEX_URL, APP_SCHEME, PRODUCTION_CSP, devServerCsp, isAppUrl } from './csp';
import { forwardEvents, registerContract, trustedSenderCheck } from './ipc';
import { hardenSession } from './security';
import { createTray } from './tray';
import type { CreateEngine, EngineHandle, ShellElectron } from './types';
import { prepareUserData, type UserDataPaths } from './userData';
import { createMainWindow, revealWindow, type BrowserWindowLike } from './window';

export interface ShellOptions {
  createEngine: CreateEngine;
  platform: NodeJS.Platform;
  preloadPath: string;
  rendererDir: string;
  /** electron-vite's dev server; null in a packaged app, where an env var must not redirect the window. */
  devServerUrl: string | null;
  windowIconPath?: string;
  trayIconPath: string;
  /** A hung engine must not keep the app from quitting forever. */
  stopTimeoutMs?: number;
}

/** Starts the shell; resolves once the window is open (or start-up failed and the app is exiting). */
export function startApp<M>(electron: ShellElectron<M>, opts: ShellOptions): Promise<void> {
  const { app } = electron;
  electron.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the first instance receives 'second-instance' and shows its window
    return Promise.resolve();
  }
  const devUrl = opts.devServerUrl;
  let engine: EngineHandle | null = null;
  let paths: UserDataPaths | null = null;
  let window: BrowserWindowLike | null = null;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  const cleanups: (() => void)[] = [];

  const liveWindow = () => (window && !window.isDestroyed() ? window : null);
  const openWindow = (userData: UserDataPaths) => {
    const deps = {
      BrowserWindow: electron.BrowserWindow,
      shell: electron.shell,
      workAreas: () => electron.screen.getAllDisplays().map((d) => d.workArea),
    };
    const icon = opts.windowIconPath ? { icon: opts.windowIconPath } : {};
    const url = devUrl ?? APP_INDEX_URL;
    return createMainWindow(deps, {
      url,
      preloadPath: opts.preloadPath,
      stateFile: userData.windowStateFile,
      ...icon,
    });
  };
  const showWindow = () => {
    const open = liveWindow();
    if (open) revealWindow(open);
    else if (paths && phase === 'running') window = openWindow(paths);
  };

  async function boot(): Promise<void> {
    const userData = prepareUserData(app.getPath('userData'));
    engine = await opts.createEngine({ dataDir: userData.dataDir, configPath: userData.configPath });
    await engine.start();
    hardenSession(electron.session.defaultSession, (url) =>
      isAppUrl(url, null) ? PRODUCTION_CSP : devUrl && isAppUrl(url, devUrl) ? devServerCsp(devUrl) : null,
    );
    electron.protocol.handle(APP_SCHEME, createRendererHandler(opts.rendererDir, PRODUCTION_CSP));
    const appContentsId = () => liveWindow()?.webContents.id ?? null;
    cleanups.push(
      registerContract(
        electron.ipcMain,
        engine,
        trustedSenderCheck(appContentsId, (url) => isAppUrl(url, devUrl)),
      ),
    );
    cleanups.push(forwardEvents(engine, () => [liveWindow()?.webContents].filter((c) => c !== undefined)));
    const trayDeps = {
      createTray: (icon: string) => new electron.Tray(icon),
      buildMenu: (template: MenuItemConstructorOptions[]) => electron.Menu.buildFromTemplate(template),
      showWindow,
      quit: () => app.quit(),
    };
    cleanups.push(createTray(trayDeps, engine, opts.trayIconPath));
    paths = userData;
    if (phase === 'running') window = openWindow(userData);
  }

  async function stopEngine(): Promise<void> {
    if (!engine) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, opts.stopTimeoutMs ?? 5_000);
    });
    const stopped = engine.stop().then(
      () => true,
      (err: unknown) => (console.error('[app] the engine failed to stop cleanly:', err), true),
    );
    if (!(await Promise.race([stopped, timedOut]))) console.error('[app] the engine did not stop in time');
    clearTimeout(timer);
  }

  async function fail(err: unknown): Promise<void> {
    console.error('[app] start-up failed:', err);
    phase = 'stopped';
    electron.dialog.showErrorBox(
      'Twitch-to-CV could not start',
      err instanceof Error ? err.message : String(err),
    );
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    await stopEngine();
    app.exit(1);
  }

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    // Hold the quit once, until chat reading has stopped and the analytics batch is flushed.
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    void booted
      .then(() => {
        for (const cleanup of cleanups.splice(0).reverse()) cleanup();
        return stopEngine();
      })
      .finally(() => {
        phase = 'stopped';
        app.quit();
      });
  });

  const booted = app.whenReady().then(boot).catch(fail);
  return booted;
}
