// The bridge against a real HTTP server and real WebSocket clients. The engine behind it is a stub host
// that records what reached it, since the point here is what the bridge lets through and what it refuses.
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { attachBridge, isLoopbackAddress, isSameOrigin, type Bridge, type BridgeOptions } from './bridge';
import type { ContractHost, EventName, EventPayloads, RequestName } from '../../../shared/contract';
import { skipBecause } from '../../../test/helpers/skip';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

class StubHost implements ContractHost {
  calls: { name: RequestName; input: unknown }[] = [];
  listeners = new Set<Listener>();
  results: Partial<Record<RequestName, (input: unknown) => Promise<unknown>>> = {};

  handle<K extends RequestName>(name: K, input: never): Promise<never> {
    this.calls.push({ name, input });
    const impl = this.results[name];
    return (impl ? impl(input) : Promise.resolve({ ok: true })) as Promise<never>;
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of this.listeners) l(event, payload);
  }
}

interface Rig {
  server: http.Server;
  host: StubHost;
  bridge: Bridge;
  url: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function rig(opts: BridgeOptions = {}, listenHost = '127.0.0.1'): Promise<Rig> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const host = new StubHost();
  const bridge = attachBridge(server, host, opts);
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const { port } = server.address() as AddressInfo;
  const hostPart = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  cleanups.push(async () => {
    await bridge.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { server, host, bridge, url: `ws://${hostPart}:${port}/bridge` };
}

/** A client that queues everything it receives so tests can wait for the next frame or for the close. */
class Client {
  ws: WebSocket;
  frames: unknown[] = [];
  closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  constructor(url: string, options?: WebSocket.ClientOptions) {
    this.ws = new WebSocket(url, options);
    this.ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.waiters.splice(0).forEach((w) => w());
    });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.ws.on('error', () => {});
    cleanups.push(() => this.ws.terminate());
  }

  static async open(url: string, options?: WebSocket.ClientOptions): Promise<Client> {
    const c = new Client(url, options);
    await new Promise<void>((resolve, reject) => {
      c.ws.once('open', () => resolve());
      c.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      c.ws.once('error', reject);
    });
    return c;
  }

  /** The HTTP status an upgrade was refused with. */
  static async refusal(url: string, options?: WebSocket.ClientOptions): Promise<number> {
    const c = new Client(url, options);
    return new Promise((resolve, reject) => {
      c.ws.once('open', () => reject(new Error('connection was accepted')));
      c.ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });
  }

  async next(pred: (f: unknown) => boolean = () => true, timeoutMs = 3000): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(pred);
      if (i >= 0) return this.frames.splice(i, 1)[0];
      if (Date.now() > deadline) throw new Error('no matching frame arrived');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, deadline - Date.now()).unref();
      });
    }
  }

  async call(id: number, method: string, input?: unknown): Promise<unknown> {
    this.ws.send(JSON.stringify({ id, method, input }));
    return this.next((f) => (f as { id?: number }).id === id);
  }
}

const snapshotPayload = { at: 1 } as unknown as EventPayloads['snapshot'];

async function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('requests', () => {
  it('passes a valid request to the engine with its parsed input and returns the result', async () => {
    const r = await rig();
    r.host.results.getUsers = async () => [{ userId: '1', userName: 'ann' }];
    const c = await Client.open(r.url);
    expect(await c.call(1, 'connect', { channel: '  SomeChannel ' })).toEqual({
      id: 1,
      ok: true,
      result: { ok: true },
    });
    expect(r.host.calls[0]).toEqual({ name: 'connect', input: { channel: 'somechannel' } });
    expect(await c.call(2, 'getUsers', { query: 'an' })).toEqual({
      id: 2,
      ok: true,
      result: [{ userId: '1', userName: 'ann' }],
    });
  });

  it('answers an invalid input with a readable error, never reaching the engine, and keeps the client', async () => {
    const r = await rig();
    const c = await Client.open(r.url);
    const reply = (await c.call(7, 'connect', { channel: 'has space' })) as { ok: boolean; error: string };
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatch(/^invalid connect request: channel: A channel name cannot contain spaces/);
    expect(r.host.calls).toHaveLength(0);
    expect(await c.call(8, 'panic')).toMatchObject({ id: 8, ok: true });
  });

  it('turns an engine failure into an error reply', async () => {
    const r = await rig();
    r.host.results.disconnect = async () => {
      throw new Error('chat source is gone');
    };
    const c = await Client.open(r.url);
    expect(await c.call(3, 'disconnect')).toEqual({ id: 3, ok: false, error: 'chat source is gone' });
  });
});

describe('hostile clients are dropped, the engine and other clients carry on', () => {
  const cases: [string, (ws: WebSocket) => void, number][] = [
    ['malformed JSON', (ws) => ws.send('{"id":1,"method":'), 1008],
    ['a frame that is not a request object', (ws) => ws.send('[1,2,3]'), 1008],
    ['a request without a numeric id', (ws) => ws.send('{"id":"1","method":"getState"}'), 1008],
    ['an unknown method', (ws) => ws.send('{"id":1,"method":"rm -rf"}'), 1008],
    ['a prototype key as method', (ws) => ws.send('{"id":1,"method":"__proto__"}'), 1008],
    ['a binary frame', (ws) => ws.send(Buffer.from([1, 2, 3])), 1008],
    [
      'an oversized frame',
      (ws) => ws.send(JSON.stringify({ id: 1, method: 'getState', pad: 'x'.repeat(70_000) })),
      1009,
    ],
  ];
  for (const [what, sendBad, code] of cases) {
    it(`drops a client sending ${what} (close ${code})`, async () => {
      const r = await rig();
      const bad = await Client.open(r.url);
      const good = await Client.open(r.url);
      sendBad(bad.ws);
      expect((await bad.closed).code).toBe(code);
      expect(r.host.calls).toHaveLength(0);
      expect(await good.call(1, 'getState')).toMatchObject({ id: 1, ok: true });
      r.host.emit('snapshot', snapshotPayload);
      expect(await good.next((f) => (f as { event?: string }).event === 'snapshot')).toEqual({
        event: 'snapshot',
        payload: snapshotPayload,
      });
    });
  }

  it('drops a client that floods requests without waiting for answers', async () => {
    const r = await rig({ maxInFlight: 4 });
    r.host.results.getState = () => new Promise(() => {}); // the engine never answers
    const c = await Client.open(r.url);
    for (let i = 0; i < 10; i++) c.ws.send(JSON.stringify({ id: i, method: 'getState' }));
    expect((await c.closed).code).toBe(1008);
    expect(r.host.calls).toHaveLength(4);
  });
});

describe('who may connect', () => {
  it('refuses other paths', async () => {
    const r = await rig();
    expect(await Client.refusal(r.url.replace('/bridge', '/other'))).toBe(404);
  });

  it('accepts a same-host Origin or none, refuses a foreign or null Origin', async () => {
    const r = await rig();
    const hostHeader = new URL(r.url).host;
    await Client.open(r.url, { origin: `http://${hostHeader}` });
    await Client.open(r.url);
    expect(await Client.refusal(r.url, { origin: 'http://evil.example' })).toBe(403);
    expect(await Client.refusal(r.url, { origin: 'null' })).toBe(403);
  });

  it('with a token, requires ?token= to match', async () => {
    const r = await rig({ token: 's3cret-token' });
    expect(await Client.refusal(r.url)).toBe(401);
    expect(await Client.refusal(`${r.url}?token=wrong`)).toBe(401);
    expect(await Client.refusal(`${r.url}?token=s3cret-token-longer`)).toBe(401);
    const c = await Client.open(`${r.url}?token=s3cret-token`);
    expect(await c.call(1, 'getConfig')).toMatchObject({ ok: true });
  });

  it('refuses clients beyond maxClients', async () => {
    const r = await rig({ maxClients: 2 });
    await Client.open(r.url);
    await Client.open(r.url);
    expect(await Client.refusal(r.url)).toBe(503);
    expect(r.bridge.clientCount()).toBe(2);
  });

  it('classifies loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', '1127.0.0.1', 'fe80::1', '', undefined])
      expect(isLoopbackAddress(a)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:80', '127.0.0.1:80')).toBe(true);
    expect(isSameOrigin('http://LOCALHOST:5173', 'localhost:5173')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:5173', 'localhost:5173')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:81', '127.0.0.1:80')).toBe(false);
    expect(isSameOrigin('file://', '127.0.0.1:80')).toBe(false);
  });

  // A real non-loopback peer: the machine's own LAN address, when it has one.
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(skipBecause(!lan, 'this machine has no non-loopback IPv4 address to connect from'))(
    `refuses a peer on a non-loopback address (${lan ?? 'no LAN address here'}) without a token`,
    async () => {
      const r = await rig({}, '0.0.0.0');
      const port = new URL(r.url).port;
      expect(await Client.refusal(`ws://${lan}:${port}/bridge`, { localAddress: lan })).toBe(403);
      const r2 = await rig({ token: 'tok' }, '0.0.0.0');
      const port2 = new URL(r2.url).port;
      await Client.open(`ws://${lan}:${port2}/bridge?token=tok`, { localAddress: lan });
    },
  );
});

describe('events', () => {
  it('listens to the engine only while a client is connected (no dashboard, no dashboard work)', async () => {
    const r = await rig();
    expect(r.host.listeners.size).toBe(0);
    const a = await Client.open(r.url);
    const b = await Client.open(r.url);
    expect(r.host.listeners.size).toBe(1); // one subscription, whatever the number of clients
    a.ws.close();
    await a.closed;
    await until(() => r.bridge.clientCount() === 1);
    expect(r.host.listeners.size).toBe(1);
    b.ws.close();
    await b.closed;
    await until(() => r.host.listeners.size === 0);
    // A dashboard opened later is subscribed again and gets events.
    const c = await Client.open(r.url);
    r.host.emit('snapshot', snapshotPayload);
    expect(await c.next()).toEqual({ event: 'snapshot', payload: snapshotPayload });
  });

  it('fans each event out to every client, serialized once', async () => {
    const r = await rig();
    const clients = await Promise.all([Client.open(r.url), Client.open(r.url), Client.open(r.url)]);
    let serialized = 0;
    const payload = { toJSON: () => (serialized++, { at: 42 }) } as unknown as EventPayloads['snapshot'];
    r.host.emit('snapshot', payload);
    for (const c of clients) expect(await c.next()).toEqual({ event: 'snapshot', payload: { at: 42 } });
    expect(serialized).toBe(1);
  });

  it('skips events for a client that stopped reading, and tells it how many feed rows it missed', async () => {
    const r = await rig({ maxBufferedBytes: 64 * 1024 });
    const slow = await Client.open(r.url);
    const fast = await Client.open(r.url);
    // Stop reading on the slow client's socket: the server's send buffer for it fills up.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const big = { at: 1, pad: 'x'.repeat(200_000) } as unknown as EventPayloads['snapshot'];
    const total = 200;
    for (let i = 0; i < total; i++) {
      r.host.emit('snapshot', big);
      r.host.emit('commands', { events: [{ raw: `!c ${i}` } as never], dropped: 0 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (let i = 0; i < total; i++) await fast.next((f) => (f as { event: string }).event === 'snapshot');
    expect(r.bridge.stats().skippedEvents).toBeGreaterThan(0);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    // Once it has drained, the next batch reaches it carrying the count of the rows it missed.
    const deadline = Date.now() + 10_000;
    let missed = 0;
    while (missed === 0 && Date.now() < deadline) {
      r.host.emit('commands', { events: [], dropped: 0 });
      const f = (await slow
        .next((x) => (x as { event: string }).event === 'commands', 200)
        .catch(() => null)) as { payload: { dropped: number } } | null;
      if (f) missed = f.payload.dropped;
    }
    const snapshotsSeen = slow.frames.filter((f) => (f as { event: string }).event === 'snapshot').length;
    expect(missed).toBeGreaterThan(0);
    expect(snapshotsSeen).toBeLessThan(total);
  });
});

describe('close', () => {
  it('closes every client with 1001 and stops answering upgrades', async () => {
    const r = await rig();
    const c = await Client.open(r.url);
    await r.bridge.close();
    expect((await c.closed).code).toBe(1001);
    expect(r.host.listeners.size).toBe(0);
    expect(r.bridge.clientCount()).toBe(0);
  });
});
