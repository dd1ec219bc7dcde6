// The renderer's origin and Content-Security-Policy. The packaged renderer is served from a custom
// `app://` scheme instead of file:// because Chromium ignores response headers for file:// pages, so a CSP
// header could never reach them (Electron's security checklist, items 7 and 18).
import { dashboardCsp } from '../../shared/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'twitch-cv';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The packaged renderer: scripts, styles and data only from its own files, nothing from the network. */
export const PRODUCTION_CSP = dashboardCsp();

/**
 * The dev server needs two relaxations: Vite injects CSS as <style> tags and the React refresh preamble as
 * an inline script, and hot reload talks over a WebSocket to the dev server.
 */
export function devServerCsp(devServerUrl: string): string {
  const { host } = new URL(devServerUrl);
  return dashboardCsp({ inlineForDevServer: true, connect: [`ws://${host}`] });
}

/** True for pages of this app: the app:// renderer, or (in development only) the dev server's origin. */
export function isAppUrl(url: string, devServerUrl: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes such as app:, so compare protocol and host.
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devServerUrl !== null && parsed.origin === new URL(devServerUrl).origin;
}
