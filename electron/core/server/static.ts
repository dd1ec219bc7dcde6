// Serves the built renderer (out/renderer) to browsers for the headless dashboard. Only GET/HEAD of files that
// exist under the root; everything else is left to the caller (API routes, 404). Every response carries the
// Electron window's Content-Security-Policy (shared/csp.ts), widened only to let the page reach the WebSocket
// bridge on the host it was loaded from.
import type http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_TYPES } from '../../../shared/contentTypes';
import { dashboardCsp } from '../../../shared/csp';

/** A Host header we are willing to echo into the CSP: a hostname or IP literal and an optional port. */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The dashboard's CSP (shared/csp.ts, the Electron window's policy) plus the bridge: `wsHost` (the host:port
 * the page was served from) lets the page open its WebSocket; a Host header that is not a plain host:port is
 * ignored rather than echoed into the policy.
 */
export function contentSecurityPolicy(wsHost?: string): string {
  const bridge = wsHost && SAFE_HOST.test(wsHost) ? [`ws://${wsHost}`, `wss://${wsHost}`] : [];
  return dashboardCsp({ connect: bridge });
}

function resolveInside(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function statFile(file: string): fs.Stats | null {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/**
 * Answer `req` from the built renderer in `rootDir`. Returns true when it sent a response, false when the
 * request is not for a file it has (the caller then tries its other routes or answers 404).
 */
export function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rootDir: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const urlPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
  const wanted = urlPath === '/' || urlPath === '' ? '/index.html' : urlPath;
  const file = resolveInside(rootDir, wanted);
  if (file === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad path\n');
    return true;
  }
  const st = statFile(file);
  if (!st) return false;

  const ext = path.extname(file).toLowerCase();
  // Vite names everything under assets/ by content hash, so it can be cached forever; index.html never.
  const hashed = path.basename(path.dirname(file)) === 'assets';
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': st.size,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Last-Modified': st.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // On every response, not just HTML: an SVG opened directly is a document too.
    'Content-Security-Policy': contentSecurityPolicy(req.headers.host),
    'X-Frame-Options': 'DENY',
  };
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}
