// The dashboard's Content-Security-Policy, one policy wherever the dashboard is served from: the Electron
// window (app:// protocol, electron/main/csp.ts) and the headless engine's HTTP server for browsers
// (electron/core/server/static.ts). One builder, so the browser e2e suite exercises the window's policy.
//
// Nothing from the network, nothing inline: the build emits no inline script or style, and uPlot and React set
// styles through the CSSOM, which style-src does not govern. Only Vite's dev server needs 'unsafe-inline'
// (CSS injected as <style>, the React refresh preamble) and a WebSocket back to itself for hot reload.

export interface DashboardCspOptions {
  /** Extra connect-src sources beyond 'self', e.g. the bridge's ws:// origin. Callers validate them. */
  connect?: readonly string[];
  /** Vite's dev server only: allow inline scripts and styles. */
  inlineForDevServer?: boolean;
}

export function dashboardCsp(options: DashboardCspOptions = {}): string {
  const inline = options.inlineForDevServer ? " 'unsafe-inline'" : '';
  return [
    "default-src 'none'",
    `script-src 'self'${inline}`,
    `style-src 'self'${inline}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...(options.connect ?? [])].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
