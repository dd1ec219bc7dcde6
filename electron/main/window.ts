// The one dashboard window: locked-down web preferences, remembered bounds, shown once it has painted.
import type { BrowserWindowConstructorOptions } from 'electron';
import { hardenWebContents, type GuardedContentsLike, type ShellLike } from './security';
import { DEFAULT_SIZE, MIN_SIZE, loadWindowState, saveWindowState, type Rect } from './windowState';

export interface WindowContentsLike extends GuardedContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface BrowserWindowLike {
  readonly webContents: WindowContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rect;
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowLike;
  shell: ShellLike;
  /** Work areas of the displays attached now (screen.getAllDisplays()). */
  workAreas(): Rect[];
}

export interface MainWindowOptions {
  url: string;
  preloadPath: string;
  stateFile: string;
  icon?: string;
}

/** Security-relevant preferences, spelled out even where they match Electron's defaults. */
export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function createMainWindow(deps: WindowDeps, opts: MainWindowOptions): BrowserWindowLike {
  const saved = loadWindowState(opts.stateFile, deps.workAreas());
  const window = new deps.BrowserWindow({
    ...(saved ? saved.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Twitch-to-CV',
    backgroundColor: '#0e0e10',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  hardenWebContents(window.webContents, deps.shell);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    saveWindowState(opts.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.loadURL(opts.url).catch((err: unknown) => console.error('[window] could not load the UI:', err));
  return window;
}

/** Bring the window to the front, un-minimising it (a second launch, the tray's "Show window"). */
export function revealWindow(window: BrowserWindowLike): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
