// The headless engine's HTTP face: /healthz, /metrics, /api/state, and (when built) the dashboard with its
// WebSocket bridge. Bound to 127.0.0.1 unless told otherwise.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpRoutes {
  /** JSON for /healthz and whether the engine is healthy (200) or degraded (503). */
  health(): { healthy: boolean; body: unknown };
  /** Prometheus text exposition for /metrics. */
  metrics(): string;
  /** JSON for /api/state. */
  state(): unknown;
  /** Anything else: the dashboard's static files. Returns false when it did not handle the request. */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
}

export interface RunningHttpServer {
  server: http.Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function startHttpServer(host: string, port: number, routes: HttpRoutes): Promise<RunningHttpServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      if (path === '/healthz') {
        const { healthy, body } = routes.health();
        sendJson(res, healthy ? 200 : 503, body);
      } else if (path === '/metrics') {
        const text = routes.metrics();
        res.writeHead(200, {
          'content-type': 'text/plain; version=0.0.4; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(text);
      } else if (path === '/api/state') {
        sendJson(res, 200, routes.state());
      } else if (!routes.fallback || !routes.fallback(req, res)) {
        sendJson(res, 404, { error: `no such path: ${path}` });
      }
    } catch (err) {
      sendJson(res, 500, { error: (err as Error).message });
    }
  });
  // A dashboard left open must not keep the process alive at shutdown.
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot listen on ${host}:${port}: ${err.code === 'EADDRINUSE' ? 'address in use' : err.message}`,
        ),
      ),
    );
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
