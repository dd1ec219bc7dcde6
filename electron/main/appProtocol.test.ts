import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererHandler } from './appProtocol';
import { PRODUCTION_CSP } from './csp';

let dir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'twitch-cv-protocol-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Twitch-to-CV</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'oauth:token');
  serve = createRendererHandler(join(dir, 'renderer'), PRODUCTION_CSP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// renderer protocol', () => {
  it('serves the page with the CSP header and its content type', async () => {
    const res = await serve(new Request('app://twitch-cv/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Twitch-to-CV</title>');
    const root = await serve(new Request('app://twitch-cv/'));
    expect(await root.text()).toContain('<title>Twitch-to-CV</title>');
  });

  it('serves built assets as JavaScript', async () => {
    const res = await serve(new Request('app://twitch-cv/assets/index-abc.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of [
      'app://twitch-cv/../secret.txt',
      'app://twitch-cv/%2e%2e/secret.txt',
      'app://twitch-cv/..%2fsecret.txt',
      'app://twitch-cv/assets/..%2f..%2fsecret.txt',
      'app://twitch-cv/%E0%A4%A',
    ]) {
      const res = await serve(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('oauth');
    }
  });

  it('answers 404 for a missing file or another host', async () => {
    expect((await serve(new Request('app://twitch-cv/nope.js'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});
