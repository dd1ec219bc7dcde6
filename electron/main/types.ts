// Types the shell's modules share: the engine as the shell sees it, the IPC reply, and the parts of
// Electron the shell uses (narrow, so a stand-in can play them in tests; index.ts passes the real module and
// the compiler checks that it fits).
import type { MenuItemConstructorOptions } from 'electron';
import type { ContractHost } from '../../shared/contract';
import type { APP_SCHEME_PRIVILEGES } from './appProtocol';
import type { IpcMainLike } from './ipc';
import type { SessionLike, ShellLike } from './security';
import type { TrayLike } from './tray';
import type { WindowDeps } from './window';
import type { Rect } from './windowState';

export interface EngineHandle extends ContractHost {
  start(): Promise<void>;
  /** Stop reading chat, flush what is buffered, close stores and sockets. */
  stop(): Promise<void>;
}

export type CreateEngine = (opts: { dataDir: string; configPath: string }) => Promise<EngineHandle>;

/**
 * What an IPC handler sends back. Electron wraps an error thrown in a handler as "Error invoking remote
 * method 'x': Error: ..."; replying with a value instead lets the preload reject with the engine's own
 * message, the same text the WebSocket bridge gives, so the UI can show it beside the field.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance' | 'activate' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  quit(): void;
  exit(code?: number): void;
}

export interface ShellElectron<M> {
  app: AppLike;
  BrowserWindow: WindowDeps['BrowserWindow'];
  ipcMain: IpcMainLike;
  /** Read only after 'ready': Electron creates the default session then. */
  session: { readonly defaultSession: SessionLike };
  protocol: {
    registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  shell: ShellLike;
  screen: { getAllDisplays(): { workArea: Rect }[] };
  Tray: new (iconPath: string) => TrayLike<M>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): M };
  dialog: { showErrorBox(title: string, content: string): void };
}
