// The stand-in's default session and protocol module: what a page may do (permissions, response headers)
// and how the app's scheme is registered, with Electron's rules about when each may be called.

export function createFakeSession(isReady: () => boolean) {
  type PermissionRequestHandler = (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
  type HeadersListener = (
    details: { url: string; responseHeaders?: Record<string, string[]> },
    cb: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
  ) => void;
  const defaultSession = {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as ((wc: unknown, permission: string) => boolean) | null,
    headersListener: null as HeadersListener | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean) {
      this.permissionCheckHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener) {
        defaultSession.headersListener = listener;
      },
    },
    /** Electron grants what no handler refuses. */
    requestPermission(permission: string) {
      const handler = this.permissionRequestHandler;
      return new Promise<boolean>((resolve) =>
        handler ? handler(null, permission, resolve) : resolve(true),
      );
    },
    checkPermission(permission: string) {
      return this.permissionCheckHandler ? this.permissionCheckHandler(null, permission) : true;
    },
    receiveHeaders(url: string, responseHeaders: Record<string, string[]>) {
      const listener = this.headersListener;
      return new Promise<Record<string, string | string[]>>((resolve) =>
        listener
          ? listener({ url, responseHeaders }, (r) => resolve(r.responseHeaders ?? responseHeaders))
          : resolve(responseHeaders),
      );
    },
  };
  const protocol = {
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
      if (isReady())
        throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      this.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
      if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
      this.handlers.set(scheme, handler);
    },
  };
  const session = {
    get defaultSession() {
      if (!isReady()) throw new Error('session.defaultSession is only available after ready');
      return defaultSession;
    },
  };
  return { session, defaultSession, protocol };
}
