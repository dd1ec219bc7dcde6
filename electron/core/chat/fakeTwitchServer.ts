// A faithful fake of Twitch's IRC-over-WebSocket chat server, for integration tests, `twitch-cv demo` and the
// load benchmark. The real tmi.js client connects to it over a real socket, so it speaks the real protocol:
// CAP REQ/ACK, PASS/NICK (anonymous justinfan or an oauth token), the 001–376 welcome, GLOBALUSERSTATE,
// JOIN/NAMES/USERSTATE/ROOMSTATE, PART, PING/PONG, NOTICEs for failed logins and suspended channels,
// RECONNECT. Chat is injected with say()/sayLines()/sendRaw().
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  buildPrivmsgLine,
  globalUserStateLine,
  joinLines,
  normalizeChannel,
  userStateLine,
  welcomeLines,
  type FakeChatMessage,
} from './twitchIrcLines';

export type { FakeChatMessage } from './twitchIrcLines';

export interface FakeTwitchServerOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Decides whether `PASS oauth:<token>` logs in (token given without `oauth:`). Accepts all by default. */
  acceptToken?: (token: string) => boolean;
  /** Channels whose JOIN fails like a suspended or non-existent channel. */
  rejectChannels?: string[];
  /** After `RECONNECT`, how long before the server closes the socket itself (Twitch allows a grace period). */
  reconnectGraceMs?: number;
}

/** One connected client, as the server sees it. */
export interface FakeTwitchClient {
  readonly id: number;
  readonly socket: WebSocket;
  /** Set by NICK once registration succeeded. */
  nick: string | null;
  authenticated: boolean;
  channels: Set<string>;
  /** Told to RECONNECT (or being dropped): no longer counted as connected or joined. */
  leaving: boolean;
}

const SUPPORTED_CAPS = new Set(['twitch.tv/tags', 'twitch.tv/commands', 'twitch.tv/membership']);
const JUSTINFAN_RE = /^justinfan\d+$/;

/**
 * Events: `connection` (client), `close` (client), `join` (channel, nick), `part` (channel, nick),
 * `line` (line, client) for every line a client sends, `pong` (client).
 */
export class FakeTwitchServer extends EventEmitter {
  private wss: WebSocketServer | null = null;
  private readonly clients = new Set<FakeTwitchClient>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly joinWaiters = new Set<{
    channel: string;
    resolve: () => void;
    reject: (e: Error) => void;
  }>();
  private readonly rejectChannels: Set<string>;
  private nextId = 1;
  url = '';
  port = 0;

  constructor(private readonly opts: FakeTwitchServerOptions = {}) {
    super();
    this.rejectChannels = new Set((opts.rejectChannels ?? []).map(normalizeChannel));
  }

  start(): Promise<{ url: string; port: number }> {
    if (this.wss) return Promise.reject(new Error('the fake Twitch server is already started'));
    const host = this.opts.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host, port: this.opts.port ?? 0 });
      wss.once('error', reject);
      wss.on('connection', (socket) => this.accept(socket));
      wss.once('listening', () => {
        wss.off('error', reject);
        wss.on('error', () => {}); // errors after listening surface per client socket
        this.wss = wss;
        const address = wss.address();
        this.port = typeof address === 'object' && address ? address.port : 0;
        this.url = `ws://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
        resolve({ url: this.url, port: this.port });
      });
    });
  }

  /** Send a tagged PRIVMSG to every client in `channel`; returns how many clients it went to. */
  say(channel: string, msg: FakeChatMessage): number {
    return this.broadcast(buildPrivmsgLine(channel, msg), normalizeChannel(channel));
  }

  /** The line say() would send, for load generators that prebuild. */
  buildPrivmsg(channel: string, msg: FakeChatMessage): string {
    return buildPrivmsgLine(channel, msg);
  }

  /**
   * Pre-built lines in ONE WebSocket frame joined by CRLF (Twitch batches lines the same way), to every
   * registered client, or only to those in `channel` when given.
   */
  sayLines(lines: readonly string[], channel?: string): number {
    if (lines.length === 0) return 0;
    return this.broadcast(lines.join('\r\n'), channel === undefined ? null : normalizeChannel(channel));
  }

  /** Any line, unchecked (e.g. malformed tags), to every registered client. */
  sendRaw(line: string): number {
    return this.broadcast(line, null);
  }

  /** Server-initiated keepalive, as Twitch does about every five minutes; clients answer PONG. */
  ping(): void {
    this.broadcast('PING :tmi.twitch.tv', null);
  }

  /** Like a Twitch server restart: RECONNECT, then the socket is closed shortly after. */
  reconnectAll(): void {
    for (const client of this.clients) {
      if (client.leaving) continue;
      client.leaving = true;
      if (client.socket.readyState === client.socket.OPEN) client.socket.send(':tmi.twitch.tv RECONNECT');
      this.later(this.opts.reconnectGraceMs ?? 1000, () => client.socket.close(1000, 'reconnect'));
    }
  }

  /** Abrupt loss of every connection (no RECONNECT, no close frame), like a network failure. */
  dropAll(): void {
    for (const client of this.clients) {
      client.leaving = true;
      client.socket.terminate();
    }
  }

  clientCount(): number {
    let n = 0;
    for (const client of this.clients) if (!client.leaving) n++;
    return n;
  }

  joinedChannels(): string[] {
    const joined = new Set<string>();
    for (const client of this.clients) if (!client.leaving) for (const c of client.channels) joined.add(c);
    return [...joined].sort();
  }

  /** Resolves once a client (not one told to leave) is in `channel`, now or later (e.g. after a reconnect). */
  waitForJoin(channel: string, timeoutMs = 5000): Promise<void> {
    const chan = normalizeChannel(channel);
    if (this.joinedChannels().includes(chan)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        channel: chan,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject,
      };
      const timer = setTimeout(() => {
        this.joinWaiters.delete(waiter);
        const joined = this.joinedChannels();
        reject(
          new Error(
            `no client joined #${chan} within ${timeoutMs} ms (${this.clientCount()} clients connected, ` +
              `joined: ${joined.length ? joined.map((c) => `#${c}`).join(', ') : 'none'})`,
          ),
        );
      }, timeoutMs);
      this.joinWaiters.add(waiter);
    });
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const w of this.joinWaiters) w.reject(new Error('the fake Twitch server stopped'));
    this.joinWaiters.clear();
    for (const client of this.clients) client.socket.terminate();
    const wss = this.wss;
    this.wss = null;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  private broadcast(data: string, channel: string | null): number {
    let n = 0;
    for (const client of this.clients) {
      if (client.leaving || client.nick === null) continue;
      if (channel !== null && !client.channels.has(channel)) continue;
      client.socket.send(data);
      n++;
    }
    return n;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private accept(socket: WebSocket): void {
    const client: FakeTwitchClient = {
      id: this.nextId++,
      socket,
      nick: null,
      authenticated: false,
      channels: new Set(),
      leaving: false,
    };
    let pass: string | null = null;
    this.clients.add(client);
    socket.on('error', () => {}); // a reset connection is just a close here
    socket.on('close', () => {
      this.clients.delete(client);
      this.emit('close', client);
    });
    socket.on('message', (data) => {
      for (const raw of data.toString().split(/\r?\n/)) {
        const line = raw.trim();
        if (!line) continue;
        this.emit('line', line, client);
        const space = line.indexOf(' ');
        const command = (space === -1 ? line : line.slice(0, space)).toUpperCase();
        const rest = space === -1 ? '' : line.slice(space + 1);
        if (command === 'PASS') pass = rest.trim();
        else if (command === 'NICK') this.register(client, rest.trim().toLowerCase(), pass);
        else this.handle(client, command, rest);
      }
    });
    this.emit('connection', client);
  }

  private register(client: FakeTwitchClient, nick: string, pass: string | null): void {
    const send = (lines: string[]): void => client.socket.send(lines.join('\r\n'));
    if (!JUSTINFAN_RE.test(nick)) {
      if (!pass || !pass.toLowerCase().startsWith('oauth:') || pass.length <= 'oauth:'.length) {
        send([':tmi.twitch.tv NOTICE * :Improperly formatted auth']);
        client.socket.close();
        return;
      }
      const token = pass.slice('oauth:'.length);
      if (this.opts.acceptToken && !this.opts.acceptToken(token)) {
        send([':tmi.twitch.tv NOTICE * :Login authentication failed']);
        client.socket.close();
        return;
      }
      client.authenticated = true;
    }
    client.nick = nick;
    const lines = welcomeLines(nick);
    // Twitch sends GLOBALUSERSTATE only to logged-in users, never to anonymous justinfans.
    if (client.authenticated) lines.push(globalUserStateLine(nick));
    send(lines);
  }

  private handle(client: FakeTwitchClient, command: string, rest: string): void {
    const socket = client.socket;
    const nick = client.nick ?? '*';
    switch (command) {
      case 'CAP': {
        const [sub] = rest.split(' ');
        if (sub?.toUpperCase() === 'LS')
          socket.send(`:tmi.twitch.tv CAP * LS :${[...SUPPORTED_CAPS].join(' ')}`);
        else if (sub?.toUpperCase() === 'REQ') {
          const caps = trailing(rest);
          const all = caps.split(' ').filter(Boolean);
          const ok = all.every((c) => SUPPORTED_CAPS.has(c));
          socket.send(`:tmi.twitch.tv CAP * ${ok ? 'ACK' : 'NAK'} :${caps}`);
        }
        return;
      }
      case 'PING':
        socket.send(`PONG :${trailing(rest) || 'tmi.twitch.tv'}`);
        return;
      case 'PONG':
        this.emit('pong', client);
        return;
      case 'QUIT':
        socket.close();
        return;
    }
    if (client.nick === null) return; // Twitch ignores everything else before registration
    switch (command) {
      case 'JOIN':
        for (const target of rest.trim().split(',')) this.join(client, target);
        return;
      case 'PART':
        for (const target of rest.trim().split(',')) {
          const chan = normalizeChannel(target);
          if (!client.channels.delete(chan)) continue;
          socket.send(`:${nick}!${nick}@${nick}.tmi.twitch.tv PART #${chan}`);
          this.emit('part', chan, nick);
        }
        return;
      case 'PRIVMSG': {
        const chan = normalizeChannel(rest.split(' ')[0] ?? '');
        // Anonymous users cannot chat; Twitch drops their PRIVMSGs silently.
        if (!client.authenticated || !client.channels.has(chan)) return;
        socket.send(userStateLine(nick, chan));
        const line = buildPrivmsgLine(chan, { user: nick, text: trailing(rest) });
        for (const other of this.clients)
          if (other !== client && !other.leaving && other.channels.has(chan)) other.socket.send(line);
        return;
      }
      default:
        socket.send(`:tmi.twitch.tv 421 ${nick} ${command} :Unknown command`);
    }
  }

  private join(client: FakeTwitchClient, target: string): void {
    const chan = normalizeChannel(target);
    if (!target.trim().startsWith('#') || !chan) return;
    if (this.rejectChannels.has(chan)) {
      client.socket.send(
        `@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #${chan} :This channel does not exist or has been suspended.`,
      );
      return;
    }
    client.channels.add(chan);
    client.socket.send(joinLines(client.nick!, chan, client.authenticated).join('\r\n'));
    this.emit('join', chan, client.nick);
    if (client.leaving) return;
    for (const w of this.joinWaiters)
      if (w.channel === chan) {
        this.joinWaiters.delete(w);
        w.resolve();
      }
  }
}

/** The trailing parameter (`... :text with spaces`), or the last word when there is no colon. */
function trailing(rest: string): string {
  const colon = rest.indexOf(':');
  if (colon !== -1) return rest.slice(colon + 1);
  const words = rest.trim().split(' ');
  return words[words.length - 1] ?? '';
}
