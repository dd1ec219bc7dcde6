// A stand-in for the parts of Electron the shell uses, faithful where behaviour matters to the tests:
// IPC arguments and results are structured-cloned like real IPC, ipcMain refuses a second handler for a
// channel, the protocol must be privileged before 'ready', app.quit() emits 'before-quit' (and only quits
// if nobody prevented it), closing the last window emits 'window-all-closed', and the renderer side
// (ipcRenderer, contextBridge) talks to main through the same fake IPC.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { InvokeEventLike } from '../ipc';
import { Emitter, fakeEvent, type Listener } from './emitter';
import { createFakeSession } from './fakeSession';

export { fakeEvent, type FakeEvent } from './emitter';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function createFakeElectron(
  opts: { userData?: string; singleInstanceLock?: boolean; workAreas?: Rect[] } = {},
) {
  let nextContentsId = 1;
  let isReady = false;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  class FakeWebFrame {
    url = '';
    parent: FakeWebFrame | null = null;
  }

  class FakeWebContents extends Emitter {
    readonly id = nextContentsId++;
    readonly mainFrame = new FakeWebFrame();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    destroyed = false;
    readonly sent: { channel: string; args: unknown[] }[] = [];
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    isDestroyed() {
      return this.destroyed;
    }
    send(channel: string, ...args: unknown[]) {
      if (this.destroyed) throw new Error('Object has been destroyed');
      const cloned = structuredClone(args);
      this.sent.push({ channel, args: cloned });
      if (renderer.contents === this) renderer.deliver(channel, cloned);
    }
    /** What a page does when it calls window.open(url): returns Electron's decision. */
    tryOpenWindow(url: string) {
      return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
    }
    /** What a link click or location change does: true when the navigation went ahead. */
    tryNavigate(url: string) {
      const event = fakeEvent();
      this.emit('will-navigate', event, url);
      if (!event.defaultPrevented) this.mainFrame.url = url;
      return !event.defaultPrevented;
    }
  }

  class FakeBrowserWindow extends Emitter {
    static readonly instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly options: BrowserWindowConstructorOptions;
    destroyed = false;
    visible = false;
    focused = false;
    minimized = false;
    maximized = false;
    loadedUrl: string | null = null;
    bounds: Rect;
    constructor(options: BrowserWindowConstructorOptions) {
      super();
      if (!isReady) throw new Error('Cannot create BrowserWindow before app is ready');
      this.options = options;
      const { x, y, width, height } = options;
      this.bounds = { x: x ?? 100, y: y ?? 100, width: width ?? 800, height: height ?? 600 };
      FakeBrowserWindow.instances.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      await Promise.resolve();
      this.emit('ready-to-show');
    }
    show() {
      this.visible = true;
    }
    focus() {
      this.focused = true;
    }
    restore() {
      this.minimized = false;
    }
    minimize() {
      this.minimized = true;
      this.focused = false;
    }
    maximize() {
      this.maximized = true;
    }
    isMinimized() {
      return this.minimized;
    }
    isMaximized() {
      return this.maximized;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return { ...this.bounds };
    }
    close() {
      if (this.destroyed) return;
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      if (FakeBrowserWindow.instances.every((w) => w.destroyed)) app.emit('window-all-closed');
    }
  }

  class FakeApp extends Emitter {
    isPackaged = false;
    quitCount = 0;
    quitted = false;
    exitCode: number | null = null;
    singleInstanceLock = opts.singleInstanceLock ?? true;
    requestSingleInstanceLock() {
      return this.singleInstanceLock;
    }
    whenReady() {
      return readyPromise;
    }
    isReady() {
      return isReady;
    }
    getPath(name: string) {
      if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
      if (!opts.userData) throw new Error('fake app: no userData directory given');
      return opts.userData;
    }
    getAppPath() {
      return process.cwd();
    }
    quit() {
      this.quitCount++;
      const event = fakeEvent();
      this.emit('before-quit', event);
      if (event.defaultPrevented) return;
      for (const w of FakeBrowserWindow.instances) w.close();
      this.quitted = true;
    }
    exit(code = 0) {
      this.exitCode = code;
      this.quitted = true;
    }
  }
  const app = new FakeApp();

  type InvokeHandler = (event: InvokeEventLike, ...args: unknown[]) => unknown;
  const ipcMain = {
    handlers: new Map<string, InvokeHandler>(),
    handleCalls: [] as string[],
    handle(channel: string, handler: InvokeHandler) {
      this.handleCalls.push(channel);
      if (this.handlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      this.handlers.delete(channel);
    },
    /** An invoke as it arrives from a renderer: cloned in, handled, cloned out. */
    async invokeFrom(
      event: { sender: { id: number }; senderFrame: FakeWebFrame | null },
      channel: string,
      ...args: unknown[]
    ) {
      const handler = this.handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      try {
        return structuredClone(await handler(event, ...structuredClone(args)));
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`, { cause: err });
      }
    },
  };

  /** The renderer process of one window: ipcRenderer and contextBridge as its preload sees them. */
  const renderer = {
    contents: null as FakeWebContents | null,
    listeners: new Emitter(),
    exposed: {} as Record<string, unknown>,
    deliver(channel: string, args: unknown[]) {
      this.listeners.emit(channel, { sender: 'ipcRenderer' }, ...args);
    },
  };
  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]) {
      const contents = renderer.contents;
      if (!contents) return Promise.reject(new Error('fake ipcRenderer: not attached to a window'));
      return ipcMain.invokeFrom({ sender: contents, senderFrame: contents.mainFrame }, channel, ...args);
    },
    on(channel: string, listener: Listener) {
      renderer.listeners.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      renderer.listeners.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in renderer.exposed)
        throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      renderer.exposed[key] = api;
    },
  };

  const { session, defaultSession, protocol } = createFakeSession(() => isReady);

  const shell = {
    opened: [] as string[],
    async openExternal(url: string) {
      this.opened.push(url);
    },
  };

  const screen = {
    workAreas: opts.workAreas ?? [{ x: 0, y: 0, width: 1920, height: 1080 }],
    getAllDisplays() {
      if (!isReady) throw new Error("The 'screen' module can't be used before the app 'ready' event");
      return this.workAreas.map((workArea) => ({ workArea }));
    },
  };

  class FakeMenu {
    constructor(readonly items: MenuItemConstructorOptions[]) {}
    item(labelStart: string) {
      const found = this.items.find((i) => i.label?.startsWith(labelStart));
      if (!found)
        throw new Error(`no menu item starting "${labelStart}" in ${this.items.map((i) => i.label)}`);
      return found;
    }
    click(labelStart: string) {
      const item = this.item(labelStart);
      if (item.enabled === false) throw new Error(`menu item "${item.label}" is disabled`);
      (item.click as () => void)();
    }
  }
  const Menu = {
    built: 0,
    buildFromTemplate(template: MenuItemConstructorOptions[]) {
      this.built++;
      return new FakeMenu(template);
    },
  };

  class FakeTray {
    static readonly instances: FakeTray[] = [];
    menu: FakeMenu | null = null;
    toolTip = '';
    destroyed = false;
    constructor(readonly iconPath: string) {
      if (!isReady) throw new Error('Tray can only be created after the app is ready');
      FakeTray.instances.push(this);
    }
    setContextMenu(menu: FakeMenu) {
      this.menu = menu;
    }
    setToolTip(toolTip: string) {
      this.toolTip = toolTip;
    }
    destroy() {
      this.destroyed = true;
    }
  }

  const dialog = {
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      this.errors.push({ title, content });
    },
  };

  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    session,
    defaultSession,
    protocol,
    shell,
    screen,
    Menu,
    Tray: FakeTray,
    dialog,
    renderer,
    /** Electron's 'ready': whenReady() resolves, windows and trays may be created. */
    ready() {
      isReady = true;
      app.emit('ready');
      markReady();
    },
    /** Points the fake renderer (ipcRenderer, contextBridge) at a window's web contents. */
    attachRenderer(contents: FakeWebContents) {
      renderer.contents = contents;
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
