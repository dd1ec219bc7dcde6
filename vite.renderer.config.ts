// Builds only the renderer (out/renderer), for the headless server and the browser e2e suite:
//   npx vite build --config vite.renderer.config.ts
// electron.vite.config.ts reuses this for the Electron window, so both hosts get the identical page.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The page's own CSP, for the Electron window (file:// has no response headers). The headless server sends
 * a stricter header too (connect-src pinned to its host); browsers apply both. Build only: the dev server
 * injects inline scripts for hot reload.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'twitch-cv:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: RENDERER_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export const rendererConfig: UserConfig = {
  root: path.join(root, 'renderer'),
  // Relative asset URLs work both from file:// (Electron) and from http://host/ (headless server).
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: path.join(root, 'out/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // No inline <script>/<style> and no data: modules: everything is a file the CSP allows as 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // electron-vite leaves minification off for the renderer unless asked.
    minify: true,
    cssMinify: true,
  },
  server: { fs: { allow: [root] } },
};

export default defineConfig(rendererConfig);
