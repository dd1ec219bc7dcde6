// The parts of a tmi.js 1.8.5 client the adapter takes over, and why:
// - tmi.js builds its socket URL from host/port/secure and forces port 443 whenever `secure` is set, drops
//   any path and breaks IPv6 literals; we open exactly the configured URL instead.
// - its socket handlers are bound per connection without checking which socket fired, so a late `close`
//   from an old socket can null out the new one; ours ignore events from any socket but the current one.
// - its frame handler throws on some malformed lines (e.g. a PRIVMSG without text), and a throw inside a
//   socket handler would crash the process; ours parses line by line and contains each failure.
import tmi from 'tmi.js';
import { WebSocket as WsWebSocket } from 'ws';
import type { ParsedIrcMessage } from 'tmi.js/lib/parser.js';

/** What both `ws` and the WHATWG WebSocket (Node 22, Electron) offer. */
export interface SocketLike {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
  send(data: string): void;
}

/** The tmi.js client internals we read or replace (see tmi.js lib/client.js). */
export interface TmiInternals {
  connect(): Promise<unknown>;
  disconnect(): Promise<unknown>;
  join(channel: string): Promise<unknown>;
  say(channel: string, message: string): Promise<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tmi.js events carry mixed argument lists
  on(event: string, listener: (...args: any[]) => void): unknown;
  ws: SocketLike | null;
  /** Channels tmi.js re-joins by itself on the next welcome. */
  channels: string[];
  reconnect: boolean;
  wasCloseCalled: boolean;
  pingLoop: ReturnType<typeof setInterval> | null;
  pingTimeout: ReturnType<typeof setTimeout> | null;
  _updateEmotesetsTimer: ReturnType<typeof setTimeout> | null;
  _openConnection(): void;
  _onOpen(): void;
  _onError(): void;
  _onClose(): void;
  handleMessage(message: ParsedIrcMessage): void;
  removeAllListeners(): void;
}

type SocketConstructor = new (url: string, protocol: string) => SocketLike;
const globalSocket = (globalThis as { WebSocket?: SocketConstructor }).WebSocket;
/** tmi.js picks the same implementation: the global WebSocket where one exists (Node 22, Electron), else `ws`. */
const SocketImpl: SocketConstructor = globalSocket ?? (WsWebSocket as unknown as SocketConstructor);
/** Which WebSocket carries chat, for diagnostics: `global WebSocket` or `ws`. */
export const socketImplementation: 'global WebSocket' | 'ws' = globalSocket ? 'global WebSocket' : 'ws';

const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A tmi.js client for `url`, logging nothing, fetching no emote sets (a call to Twitch's retired API), and
 * with tmi.js's own reconnect off: the adapter reconnects with timers it can cancel.
 */
export function createTmiClient(url: URL, username?: string, token?: string): TmiInternals {
  const secure = url.protocol === 'wss:';
  return new tmi.Client({
    options: { debug: false, skipUpdatingEmotesets: true },
    // Set explicitly: with a custom server tmi.js would otherwise fall back to plain port 80.
    connection: {
      server: url.hostname,
      port: Number(url.port) || (secure ? 443 : 80),
      secure,
      reconnect: false,
    },
    identity: token ? { username, password: token } : {},
    channels: [],
    logger: silentLogger,
  }) as unknown as TmiInternals;
}

export interface SocketHooks {
  /** Every WebSocket frame from the current socket, before anything else looks at it. */
  frame(data: string): void;
  opened(): void;
  /** Why the socket failed or closed, in words, just before tmi.js reacts to it. */
  problem(detail: string): void;
}

/** Make `client` open `url` itself and route the current socket's events through `hooks`. */
export function takeOverSocket(client: TmiInternals, url: string, hooks: SocketHooks): void {
  client._openConnection = function openConnection(this: TmiInternals) {
    const socket = new SocketImpl(url, 'irc');
    this.ws = socket;
    socket.onmessage = (ev) => {
      if (this.ws === socket) hooks.frame(typeof ev.data === 'string' ? ev.data : String(ev.data));
    };
    socket.onopen = () => {
      if (this.ws !== socket) return;
      hooks.opened();
      this._onOpen();
    };
    socket.onerror = (ev) => {
      if (this.ws !== socket) return;
      hooks.problem(describeError(ev));
      this._onError();
    };
    socket.onclose = (ev) => {
      if (this.ws !== socket) return;
      hooks.problem(describeClose(ev));
      this._onClose();
    };
  };
}

/** Stop everything tmi.js has running and close its socket; resolves once closed (at most `capMs`). */
export function shutDownClient(client: TmiInternals, capMs = 2000): Promise<void> {
  client.removeAllListeners();
  client.reconnect = false;
  client.wasCloseCalled = true;
  if (client.pingLoop) clearInterval(client.pingLoop);
  if (client.pingTimeout) clearTimeout(client.pingTimeout);
  if (client._updateEmotesetsTimer) clearTimeout(client._updateEmotesetsTimer);
  const socket = client.ws;
  client.ws = null;
  if (!socket || socket.readyState === 3 /* CLOSED */) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(cap);
      resolve();
    };
    // A server that never completes the close handshake must not hang a shutdown.
    const cap = setTimeout(done, capMs);
    const ignore = (): void => {};
    socket.onopen = ignore;
    socket.onmessage = ignore;
    socket.onerror = ignore; // never null: `ws` throws on an 'error' event without a listener
    socket.onclose = done;
    try {
      socket.close();
    } catch {
      done();
    }
  });
}

function describeError(ev: unknown): string {
  const e = ev as { message?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  const code = e?.error?.code;
  const message = typeof e?.message === 'string' && e.message ? e.message : e?.error?.message;
  if (typeof message === 'string' && message) return message;
  if (typeof code === 'string') return code;
  return 'the connection failed';
}

function describeClose(ev: unknown): string {
  const e = ev as { code?: unknown; reason?: unknown } | null;
  const code = typeof e?.code === 'number' ? e.code : 0;
  const reason = typeof e?.reason === 'string' && e.reason ? `: ${e.reason}` : '';
  if (code === 1006) return 'the connection dropped without a close frame (code 1006)';
  return `the server closed the connection (code ${code}${reason})`;
}
