// serveStatic over a real HTTP server and a real directory, with a secret file beside the root that no URL
// may reach.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, serveStatic } from './static';

let dir: string;
let server: http.Server;
let port: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twitch-cv-static-'));
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>dash</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'icon.svg'), '<svg/>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  fs.writeFileSync(path.join(dir, 'renderer-evil.txt'), 'TOP SECRET'); // shares the root's prefix
  server = http.createServer((req, res) => {
    if (!serveStatic(req, res, root)) res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A request with the path sent exactly as written (fetch would normalise the dots away). */
function get(
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveStatic', () => {
  it('serves index.html at / with the strict CSP and no caching', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>dash</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const csp = r.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('serves hashed assets with their content type, cached for good', async () => {
    const js = await get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/index-abc123.css?v=2')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await get('/icon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers HEAD without a body and leaves other methods and missing files to the caller', async () => {
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await get('/', 'POST')).status).toBe(404);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404); // a directory is not a file
  });

  for (const attempt of [
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/../renderer-evil.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ]) {
    it(`never serves a file outside the root: ${attempt}`, async () => {
      const r = await get(attempt);
      expect([400, 404]).toContain(r.status);
      expect(r.body).not.toContain('TOP SECRET');
    });
  }

  it('does not echo a forged Host header into the CSP', () => {
    expect(contentSecurityPolicy("evil.com; script-src 'unsafe-inline'")).toBe(contentSecurityPolicy());
    expect(contentSecurityPolicy('[::1]:8080')).toContain('ws://[::1]:8080');
  });
});
