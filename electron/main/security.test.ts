import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, PRODUCTION_CSP, devServerCsp, isAppUrl } from './csp';
import { hardenSession } from './security';
import { createFakeElectron } from './testing/fakeElectron';

function hardened(devServerUrl: string | null = null) {
  const fake = createFakeElectron();
  fake.ready();
  hardenSession(fake.session.defaultSession, (url) =>
    isAppUrl(url, null)
      ? PRODUCTION_CSP
      : devServerUrl && isAppUrl(url, devServerUrl)
        ? devServerCsp(devServerUrl)
        : null,
  );
  return fake.defaultSession;
}

/** The CSP as a map of directive to its sources. */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy.split(';').map((d) =>
      d
        .trim()
        .split(/\s+(.*)/)
        .slice(0, 2),
    ),
  );
}

describe('session permissions', () => {
  it('refuses every permission a page asks for', async () => {
    const session = hardened();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'midi',
    ]) {
      expect(await session.requestPermission(permission)).toBe(false);
      expect(session.checkPermission(permission)).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('allows scripts, styles and connections only from the app itself in the packaged app', () => {
    const csp = directives(PRODUCTION_CSP);
    expect(csp).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-(inline|eval)|\*|https?:/);
  });

  it('relaxes only what the Vite dev server needs, and only for its own host', () => {
    const csp = directives(devServerCsp('http://localhost:5173/'));
    expect(csp['script-src']).toBe("'self' 'unsafe-inline'");
    expect(csp['connect-src']).toBe("'self' ws://localhost:5173");
    expect(devServerCsp('http://localhost:5173/')).not.toMatch(/unsafe-eval/);
  });

  it('puts the policy on the app pages, replacing any the server sent', async () => {
    const session = hardened();
    const headers = await session.receiveHeaders(APP_INDEX_URL, {
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [PRODUCTION_CSP] });
  });

  it('gives dev server pages the dev policy and leaves other responses alone', async () => {
    const session = hardened('http://localhost:5173/');
    expect(await session.receiveHeaders('http://localhost:5173/src/main.tsx', {})).toEqual({
      'Content-Security-Policy': [devServerCsp('http://localhost:5173/')],
    });
    const foreign = { 'Content-Type': ['text/html'] };
    expect(await session.receiveHeaders('https://example.com/', foreign)).toEqual(foreign);
  });

  it('recognises the app only by its exact scheme and host', () => {
    expect(isAppUrl('app://twitch-cv/index.html', null)).toBe(true);
    expect(isAppUrl('app://twitch-cv.evil/index.html', null)).toBe(false);
    expect(isAppUrl('app://other/index.html', null)).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html', null)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', null)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://127.0.0.1:5173/x', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url', null)).toBe(false);
  });
});
