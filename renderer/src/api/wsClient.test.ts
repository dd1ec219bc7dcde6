// The browser link against a real WebSocket server speaking the bridge's protocol (the bridge itself is
// tested against real clients in electron/core/server; the e2e suite runs the two together).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createWsLink, type EngineLink, type LinkStatus } from './wsClient';

type Frame = { id: number; method: string; input?: unknown };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A bridge-like server: answers with `reply`, records frames, can push events and drop clients. */
async function server(reply: (f: Frame) => unknown | undefined = () => ({ ok: true }), port = 0) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise((resolve) => wss.once('listening', resolve));
  const frames: Frame[] = [];
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as Frame;
      frames.push(f);
      const result = reply(f);
      if (result !== undefined) ws.send(JSON.stringify({ id: f.id, ...(result as object) }));
    }),
  );
  const close = () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    });
  cleanups.push(close);
  const address = wss.address() as { port: number };
  return {
    wss,
    frames,
    port: address.port,
    url: `ws://127.0.0.1:${address.port}/bridge`,
    push: (event: string, payload: unknown) =>
      wss.clients.forEach((c) => c.send(JSON.stringify({ event, payload }))),
    close,
  };
}

function link(url: string, opts: { requestTimeoutMs?: number } = {}): EngineLink {
  const l = createWsLink({
    url,
    WebSocketImpl: WebSocket as never,
    reconnectMinMs: 20,
    reconnectMaxMs: 100,
    ...opts,
  });
  cleanups.push(() => l.close());
  return l;
}

function statusWhen(l: EngineLink, pred: (s: LinkStatus) => boolean): Promise<LinkStatus> {
  if (pred(l.status())) return Promise.resolve(l.status());
  return new Promise((resolve) => {
    const off = l.onStatus((s) => {
      if (pred(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('createWsLink', () => {
  it('sends requests as id-tagged frames (queued until open) and resolves with the result', async () => {
    const srv = await server((f) => ({ ok: true, result: { echo: f.method, input: f.input ?? null } }));
    const l = link(srv.url);
    expect(l.status().state).toBe('connecting');
    const [a, b] = await Promise.all([l.api.getState(), l.api.connect({ channel: 'abc' })]);
    expect(a).toEqual({ echo: 'getState', input: null });
    expect(b).toEqual({ echo: 'connect', input: { channel: 'abc' } });
    expect(srv.frames.map((f) => f.method)).toEqual(['getState', 'connect']);
    expect('input' in srv.frames[0]!).toBe(false);
    expect(new Set(srv.frames.map((f) => f.id)).size).toBe(2);
    expect(l.status()).toEqual({ state: 'open', attempt: 0, error: null });
  });

  it("rejects with the server's error message", async () => {
    const srv = await server(() => ({ ok: false, error: 'invalid connect request: channel: no spaces' }));
    const l = link(srv.url);
    await expect(l.api.connect({ channel: 'a b' })).rejects.toThrow(
      'invalid connect request: channel: no spaces',
    );
  });

  it('times out a request the engine never answers', async () => {
    const srv = await server(() => undefined);
    const l = link(srv.url, { requestTimeoutMs: 150 });
    await expect(l.api.getState()).rejects.toThrow('the engine did not answer "getState" within 0.15 s');
  });

  it('delivers pushed events to listeners until they unsubscribe', async () => {
    const srv = await server();
    const l = link(srv.url);
    const got: unknown[] = [];
    const off = l.api.on('snapshot', (s) => got.push(s));
    await statusWhen(l, (s) => s.state === 'open');
    srv.push('snapshot', { at: 1 });
    srv.push('commands', { events: [], dropped: 0 });
    await expect.poll(() => got).toEqual([{ at: 1 }]);
    off();
    srv.push('snapshot', { at: 2 });
    await l.api.getState(); // a round trip later, the second event has certainly arrived
    expect(got).toEqual([{ at: 1 }]);
  });

  it('on a dropped connection fails what was in flight, shows reconnecting, and recovers by itself', async () => {
    const srv = await server((f) => (f.method === 'panic' ? undefined : { ok: true, result: 1 }));
    const l = link(srv.url);
    await l.api.getState();
    const inFlight = l.api.panic();
    await expect.poll(() => srv.frames.length).toBe(2);
    const port = srv.port;
    await srv.close();
    await expect(inFlight).rejects.toThrow('lost the connection to the engine before it answered');
    const down = await statusWhen(l, (s) => s.state === 'reconnecting');
    expect(down.attempt).toBeGreaterThanOrEqual(1);
    expect(down.error).toBeTruthy();

    // A request made while down waits for the link instead of failing at once.
    const waiting = l.api.getConfig();
    const back = await server(() => ({ ok: true, result: 'config' }), port);
    expect(await waiting).toBe('config');
    expect(l.status().state).toBe('open');
    expect(back.frames.map((f) => f.method)).toEqual(['getConfig']);
  });

  it('close() rejects what is pending and stops reconnecting', async () => {
    const srv = await server(() => undefined);
    const l = link(srv.url);
    const pending = l.api.getState();
    await expect.poll(() => srv.frames.length).toBe(1);
    l.close();
    await expect(pending).rejects.toThrow('closed');
    expect(l.status().state).toBe('closed');
    await expect(l.api.getState()).rejects.toThrow('closed');
  });
});
