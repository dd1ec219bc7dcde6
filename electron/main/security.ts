// Deny-by-default rules for the session and for the window's web contents. Everything Electron would allow
// a page to do that this dashboard does not need is refused here, in one place.

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { url: string; responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
}

export interface NavigationEventLike {
  preventDefault(): void;
}

export interface GuardedContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEventLike, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEventLike) => void): unknown;
}

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/** Permissions are refused (camera, notifications, clipboard...), and our own pages get the CSP header. */
export function hardenSession(session: SessionLike, cspFor: (url: string) => string | null): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    console.warn(`[security] refused permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const csp = cspFor(details.url);
    if (csp === null) return callback({});
    // Drop any policy the server sent (in any letter case) so ours is the only one.
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    callback({ responseHeaders: headers });
  });
}

/** The window never opens another window or navigates away; web links go to the user's browser. */
export function hardenWebContents(contents: GuardedContentsLike, shell: ShellLike): void {
  contents.setWindowOpenHandler(({ url }) => {
    openIfWebLink(shell, url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openIfWebLink(shell, url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

function openIfWebLink(shell: ShellLike, url: string): void {
  if (!isWebLink(url)) {
    console.warn(`[security] blocked navigation to ${url.slice(0, 200)}`);
    return;
  }
  shell.openExternal(url).catch((err: unknown) => console.warn(`[security] could not open ${url}:`, err));
}
