import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatMessage } from '../../../shared/domain';
import { waitFor } from '../../../test/helpers/waitFor';
import type { ChatStatus } from '../ports';
import { FakeTwitchServer } from './fakeTwitchServer';
import { TmiChatSource, type TmiChatSourceOptions } from './tmiChatSource';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fakeTwitch(
  opts: ConstructorParameters<typeof FakeTwitchServer>[0] = {},
): Promise<FakeTwitchServer> {
  const server = new FakeTwitchServer({ reconnectGraceMs: 100, ...opts });
  await server.start();
  cleanups.push(() => server.stop());
  return server;
}

function source(opts: TmiChatSourceOptions): {
  chat: TmiChatSource;
  messages: ChatMessage[];
  statuses: ChatStatus[];
} {
  const chat = new TmiChatSource({ reconnectBaseMs: 20, connectTimeoutMs: 3000, ...opts });
  const messages: ChatMessage[] = [];
  const statuses: ChatStatus[] = [];
  chat.onMessage((m) => messages.push(m));
  chat.onStatus((s) => statuses.push(s));
  cleanups.push(() => chat.disconnect());
  return { chat, messages, statuses };
}

async function connected(channel = 'synthstream', extra: Partial<TmiChatSourceOptions> = {}) {
  const server = await fakeTwitch();
  const s = source({ server: server.url, ...extra });
  await s.chat.connect([channel]);
  return { server, ...s };
}

describe('TmiChatSource against the fake Twitch server', () => {
  it('connects anonymously, joins, and reports the status steps', async () => {
    const { server, chat, statuses } = await connected('#SynthStream');
    expect(server.joinedChannels()).toEqual(['synthstream']);
    expect(chat.status()).toEqual({ state: 'connected', channels: ['synthstream'], reason: null });
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected']);
  });

  it('turns a chat line into a ChatMessage with ids, names, timestamps and the arrival time', async () => {
    const { server, messages } = await connected();
    const before = performance.now();
    server.say('synthstream', {
      user: 'CoolViewer',
      userId: '4242',
      text: '!cutoff 70',
      id: 'm-1',
      sentTs: 1_700_000_000_123,
    });
    await waitFor(() => messages.length === 1);
    const m = messages[0]!;
    expect(m).toMatchObject({
      id: 'm-1',
      channel: 'synthstream',
      userId: '4242',
      userName: 'CoolViewer',
      role: 'everyone',
      text: '!cutoff 70',
      sentTs: 1_700_000_000_123,
    });
    expect(m.arrivalMs).toBeGreaterThanOrEqual(before);
    expect(m.arrivalMs).toBeLessThanOrEqual(performance.now());
  });

  it('maps badges and role tags to the highest role', async () => {
    const { server, messages } = await connected();
    const cases: [Record<string, string>, ChatMessage['role']][] = [
      [{}, 'everyone'],
      [{ badges: 'subscriber/6', subscriber: '1' }, 'subscriber'],
      [{ badges: 'founder/0', subscriber: '0' }, 'subscriber'],
      [{ badges: 'subscriber/6' }, 'subscriber'],
      [{ badges: 'vip/1', vip: '1' }, 'vip'],
      [{ badges: 'vip/1,subscriber/12', subscriber: '1' }, 'vip'],
      [{ badges: '', vip: '1' }, 'vip'],
      [{ badges: 'moderator/1,subscriber/3', mod: '1', subscriber: '1' }, 'moderator'],
      [{ badges: 'moderator/1' }, 'moderator'],
      [{ badges: '', mod: '1', 'user-type': 'mod' }, 'moderator'],
      [{ badges: 'broadcaster/1,subscriber/0', subscriber: '1' }, 'broadcaster'],
      [{ badges: 'broadcaster/1,moderator/1', mod: '1' }, 'broadcaster'],
    ];
    cases.forEach(([extraTags], i) => server.say('synthstream', { user: `u${i}`, text: `m${i}`, extraTags }));
    server.say('synthstream', {
      user: 'synthstream',
      text: 'owner',
      role: 'broadcaster',
      extraTags: { badges: '' },
    });
    await waitFor(() => messages.length === cases.length + 1);
    expect(messages.map((m) => m.role)).toEqual([...cases.map(([, role]) => role), 'broadcaster']);
  });

  it('decodes IRCv3-escaped tag values and falls back when tags are missing or garbage', async () => {
    const { server, messages } = await connected();
    server.say('synthstream', { user: 'spacey', text: 'hi', extraTags: { 'display-name': 'Space Man;\\x' } });
    server.sendRaw(
      '@id=raw-1;tmi-sent-ts=notanumber :bare!bare@bare.tmi.twitch.tv PRIVMSG #synthstream :!gate on',
    );
    server.sendRaw('@id=raw-2;user-id=1;tmi-sent-ts= :one!one@one.tmi.twitch.tv PRIVMSG #synthstream :x');
    await waitFor(() => messages.length === 3);
    expect(messages[0]!.userName).toBe('Space Man;\\x');
    expect(messages[1]).toMatchObject({
      id: 'raw-1',
      userId: 'bare',
      userName: 'bare',
      sentTs: null,
      role: 'everyone',
    });
    expect(messages[2]).toMatchObject({ userId: '1', sentTs: null });
  });

  it('delivers a repeated message id once', async () => {
    const { server, chat, messages } = await connected();
    server.say('synthstream', { user: 'a', text: '!cutoff 1', id: 'dup' });
    server.say('synthstream', { user: 'a', text: '!cutoff 1', id: 'dup' });
    server.say('synthstream', { user: 'a', text: '!cutoff 2', id: 'other' });
    await waitFor(() => chat.stats().received === 3);
    expect(messages.map((m) => m.id)).toEqual(['dup', 'other']);
    expect(chat.stats().duplicates).toBe(1);
  });

  it('passes cheers and channel-point redemptions through as chat', async () => {
    const { server, messages } = await connected();
    server.say('synthstream', { user: 'cheerer', text: 'Cheer100 !cutoff 90', extraTags: { bits: '100' } });
    server.say('synthstream', {
      user: 'redeemer',
      text: '!pitch C4',
      extraTags: { 'custom-reward-id': 'abc-123' },
    });
    await waitFor(() => messages.length === 2);
    expect(messages.map((m) => [m.userName, m.text])).toEqual([
      ['cheerer', 'Cheer100 !cutoff 90'],
      ['redeemer', '!pitch C4'],
    ]);
  });

  it('survives malformed lines: the rest of the frame and the next frame still arrive', async () => {
    const { server, chat, messages } = await connected();
    const good = (n: number) => server.buildPrivmsg('synthstream', { user: 'ok', text: `good ${n}` });
    server.sayLines([
      '@badges=;;;=;;id :x!x@x.tmi.twitch.tv PRIVMSG #synthstream', // no text: tmi.js throws on this one
      '@just-tags-and-nothing-else',
      good(1),
    ]);
    server.sendRaw('@@@ ;;; :::');
    server.sendRaw(good(2));
    await waitFor(() => messages.length === 2);
    expect(messages.map((m) => m.text)).toEqual(['good 1', 'good 2']);
    expect(chat.stats().malformedLines).toBeGreaterThanOrEqual(2);
    expect(chat.status().state).toBe('connected');
  });

  it('stamps every line of one WebSocket frame with the same arrival time', async () => {
    const { server, messages } = await connected();
    server.sayLines([1, 2, 3].map((n) => server.buildPrivmsg('synthstream', { user: 'u', text: `${n}` })));
    server.say('synthstream', { user: 'u', text: 'later' });
    await waitFor(() => messages.length === 4);
    expect(new Set(messages.slice(0, 3).map((m) => m.arrivalMs)).size).toBe(1);
    expect(messages[3]!.arrivalMs).toBeGreaterThan(messages[0]!.arrivalMs);
  });

  it('reconnects and rejoins when Twitch sends RECONNECT', async () => {
    const { server, chat, messages, statuses } = await connected();
    statuses.length = 0;
    server.reconnectAll();
    await waitFor(() => statuses.some((s) => s.state === 'reconnecting'));
    await server.waitForJoin('synthstream');
    await waitFor(() => chat.status().state === 'connected');
    expect(statuses[0]).toEqual({
      state: 'reconnecting',
      channels: [],
      reason: 'Twitch asked us to reconnect',
    });
    expect(statuses.at(-1)).toEqual({ state: 'connected', channels: ['synthstream'], reason: null });
    server.say('synthstream', { user: 'after', text: 'still here' });
    await waitFor(() => messages.some((m) => m.text === 'still here'));
    expect(server.clientCount()).toBe(1);
  });

  it('reconnects with backoff after the connection drops, and says why', async () => {
    const { server, chat, messages, statuses } = await connected();
    statuses.length = 0;
    server.dropAll();
    await waitFor(() => chat.status().state === 'connected' && statuses.length >= 2, { timeoutMs: 5000 });
    expect(statuses[0]!.state).toBe('reconnecting');
    expect(statuses[0]!.reason).toMatch(
      /^connection lost: the connection dropped without a close frame \(code 1006\)/,
    );
    server.say('synthstream', { user: 'after', text: 'back' });
    await waitFor(() => messages.some((m) => m.text === 'back'));
    // Only one live connection, one handler registration: the message came once.
    expect(messages.filter((m) => m.text === 'back')).toHaveLength(1);
    expect(server.clientCount()).toBe(1);
  });

  it('keeps retrying while the server is down and recovers when it comes back', async () => {
    const { server, chat, messages, statuses } = await connected();
    const port = server.port;
    await server.stop();
    await waitFor(
      () => statuses.some((s) => s.state === 'reconnecting' && /retry [2-9]/.test(s.reason ?? '')),
      {
        timeoutMs: 5000,
        what: 'a second reconnect attempt',
      },
    );
    const again = new FakeTwitchServer({ port });
    await again.start();
    cleanups.push(() => again.stop());
    await again.waitForJoin('synthstream', 5000);
    await waitFor(() => chat.status().state === 'connected');
    again.say('synthstream', { user: 'x', text: 'revived' });
    await waitFor(() => messages.some((m) => m.text === 'revived'));
  });

  it('abandons a reconnect attempt that hangs before the welcome, and tries again', async () => {
    const { server, chat, statuses } = await connected('synthstream', { connectTimeoutMs: 300 });
    const port = server.port;
    await server.stop();
    // Something answers on the port but never speaks IRC (a half-started server, a captive proxy).
    const silent = new WebSocketServer({ host: '127.0.0.1', port });
    await new Promise((r) => silent.once('listening', r));
    const silentSockets = new Set<WebSocket>();
    silent.on('connection', (ws) => silentSockets.add(ws));
    await waitFor(
      () =>
        statuses.some((s) =>
          /timed out: .* never finished the login \(no 376 welcome\)/.test(s.reason ?? ''),
        ),
      { timeoutMs: 5000, what: 'a status naming the hung login' },
    );
    for (const ws of silentSockets) ws.terminate();
    await new Promise((r) => silent.close(r));
    const back = new FakeTwitchServer({ port });
    await back.start();
    cleanups.push(() => back.stop());
    await waitFor(() => chat.status().state === 'connected', { timeoutMs: 5000 });
  });

  it('fails to connect with a readable reason when the login is refused', async () => {
    const server = await fakeTwitch({ acceptToken: (t) => t === 'good' });
    const { chat } = source({ server: server.url, username: 'streamer', token: 'oauth:bad' });
    await expect(chat.connect(['synthstream'])).rejects.toThrow('login failed: Login authentication failed');
    expect(chat.status()).toMatchObject({
      state: 'disconnected',
      reason: 'login failed: Login authentication failed',
    });
    await waitFor(() => server.clientCount() === 0, { what: 'the refused socket to close' });

    const ok = source({ server: server.url, username: 'streamer', token: 'good' });
    await ok.chat.connect(['synthstream']);
    expect(ok.chat.status().state).toBe('connected');
  });

  it('times out with a readable reason when the server never sends the 376 welcome, and cleans up', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => silent.once('listening', r));
    const sockets = new Set<WebSocket>();
    silent.on('connection', (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
    cleanups.push(() => new Promise((r) => silent.close(r)));
    const port = (silent.address() as { port: number }).port;
    const { chat } = source({ server: `ws://127.0.0.1:${port}`, connectTimeoutMs: 300 });
    await expect(chat.connect(['synthstream'])).rejects.toThrow(
      `timed out after 0.3 s: ws://127.0.0.1:${port}/ accepted the connection but never finished the login (no 376 welcome)`,
    );
    expect(chat.status().state).toBe('disconnected');
    await waitFor(() => sockets.size === 0, { what: 'the client to close its socket' });
  });

  it('fails fast when nothing listens, and on a suspended channel', async () => {
    const server = await fakeTwitch({ rejectChannels: ['gone'] });
    const { chat } = source({ server: server.url });
    await expect(chat.connect(['gone'])).rejects.toThrow('#gone does not exist or has been suspended');
    const port = server.port;
    await server.stop();
    const refused = source({ server: `ws://127.0.0.1:${port}` });
    await expect(refused.chat.connect(['synthstream'])).rejects.toThrow(
      // `ws` names the errno; the WHATWG WebSocket of Node 22 / Electron only says it was a network error.
      new RegExp(`^could not connect to ws://127.0.0.1:${port}/: .*(ECONNREFUSED|network error)`),
    );
  });

  it('rejects bad channel names and bad server URLs before touching the network', async () => {
    const { chat } = source({ server: 'ws://127.0.0.1:1' });
    await expect(chat.connect(['has space'])).rejects.toThrow('"has space" is not a Twitch channel name');
    await expect(chat.connect([])).rejects.toThrow('no channel to join');
    expect(() => new TmiChatSource({ server: 'http://example.com' })).toThrow(
      'must be a ws:// or wss:// URL',
    );
    expect(() => new TmiChatSource({ server: 'nope' })).toThrow('is not a URL');
  });

  it('disconnect() closes the socket and stops reconnecting', async () => {
    const { server, chat } = await connected();
    await chat.disconnect();
    expect(chat.status()).toEqual({ state: 'disconnected', channels: [], reason: null });
    await waitFor(() => server.clientCount() === 0);
    server.dropAll();
    expect(server.clientCount()).toBe(0);
  });
});
