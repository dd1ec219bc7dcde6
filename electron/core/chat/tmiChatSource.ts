// ChatSource over tmi.js 1.8.5 (unmaintained since 2023, so it stays behind this port). tmi.js parses IRC
// and emits chat events; this adapter owns everything around that: the socket URL, the arrival timestamp of
// each WebSocket frame, connect/join timeouts, reconnects with backoff (tmi.js's own cannot be cancelled and
// turns a server RECONNECT into a disconnect without telling anyone), duplicate suppression, and a status
// a streamer can read.
import parser from 'tmi.js/lib/parser.js';
import type { ChatConnectionState, ChatMessage } from '../../../shared/domain';
import { systemClock, type ChatSource, type ChatStatus, type Clock } from '../ports';
import {
  isLoginFailure,
  joinFailureReason,
  normalizeChannels,
  parseTwitchServerUrl,
  reconnectDelayMs,
  stallReason,
  TWITCH_IRC_URL,
  type ConnectStage,
} from './chatConnectionPolicy';
import { ChatDispatcher } from './chatDispatcher';
import { parseFastPrivmsg } from './fastPrivmsg';
import { createTmiClient, shutDownClient, takeOverSocket, type TmiInternals } from './tmiSocket';

export interface TmiChatSourceOptions {
  /** ws:// or wss:// URL of a Twitch-compatible IRC-over-WebSocket server. */
  server?: string;
  /** With `token`, log in as this user; without a token the connection is anonymous and read-only. */
  username?: string;
  /** OAuth token, with or without the `oauth:` prefix. */
  token?: string;
  /** connect() gives up after this long (default 10 s). */
  connectTimeoutMs?: number;
  /** First reconnect delay after a lost connection (default 1 s), doubling up to `reconnectMaxMs` (30 s). */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  clock?: Clock;
}

export interface TmiChatSourceStats {
  /** Chat and cheer messages that reached the adapter (before dedupe). */
  received: number;
  duplicates: number;
  /** Lines tmi.js could not parse or handle; each one is skipped, the rest of the frame goes on. */
  malformedLines: number;
  /** Exceptions thrown by onMessage handlers (caught so the socket keeps reading). */
  handlerErrors: number;
}

export { TWITCH_IRC_URL } from './chatConnectionPolicy';
const ignore = (): void => {};

export class TmiChatSource implements ChatSource {
  private readonly url: URL;
  private readonly clock: Clock;
  private readonly dispatcher = new ChatDispatcher();
  private readonly statusHandlers: ((status: ChatStatus) => void)[] = [];
  private readonly frameEndHandlers: (() => void)[] = [];
  private current: ChatStatus = { state: 'disconnected', channels: [], reason: null };
  private malformedLines = 0;

  private client: TmiInternals | null = null;
  /** Bumped per session (connect() to disconnect()), so late callbacks from an old session are ignored. */
  private generation = 0;
  /** Bumped per socket, so a join answered (or timed out) on an old socket does not count. */
  private connectionSeq = 0;
  private wanted: string[] = [];
  private joined = new Set<string>();
  private stage: ConnectStage = 'opening';
  private pending: { resolve: () => void; reject: (err: Error) => void } | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** A reconnect attempt that hangs (no welcome, no join) is abandoned after connectTimeoutMs. */
  private attemptTimer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private serverAskedToReconnect = false;
  private socketProblem: string | null = null;
  private loginFailure: string | null = null;

  constructor(private readonly opts: TmiChatSourceOptions = {}) {
    this.url = parseTwitchServerUrl(opts.server ?? TWITCH_IRC_URL);
    if (opts.token && !opts.username) throw new Error('a Twitch token needs the username it belongs to');
    this.clock = opts.clock ?? systemClock;
  }

  onMessage(handler: (msg: ChatMessage) => void): void {
    this.dispatcher.add(handler);
  }

  onStatus(handler: (status: ChatStatus) => void): void {
    this.statusHandlers.push(handler);
  }

  onFrameEnd(handler: () => void): void {
    this.frameEndHandlers.push(handler);
  }

  status(): ChatStatus {
    return { ...this.current, channels: [...this.current.channels] };
  }

  stats(): TmiChatSourceStats {
    const d = this.dispatcher;
    return {
      received: d.received,
      duplicates: d.duplicates,
      malformedLines: this.malformedLines,
      handlerErrors: d.handlerErrors,
    };
  }

  say(channel: string, text: string): boolean {
    // Anonymous (justinfan) connections are read-only: Twitch silently drops what they send.
    if (!this.opts.token || !this.client || this.current.state !== 'connected') return false;
    this.client.say(`#${channel}`, text).catch(ignore);
    return true;
  }

  async connect(channels: string[]): Promise<void> {
    const wanted = normalizeChannels(channels);
    if (this.client) await this.disconnect();

    this.wanted = wanted;
    this.attempts = 0;
    this.setStatus('connecting', null);
    const timeoutMs = this.opts.connectTimeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.connectTimer = setTimeout(
        () => this.failConnect(`timed out after ${timeoutMs / 1000} s: ${this.stallReason()}`),
        timeoutMs,
      );
      this.startSession();
    });
  }

  async disconnect(): Promise<void> {
    if (this.pending) {
      this.pending.reject(new Error('disconnected before the connection was ready'));
      this.pending = null;
    }
    const closed = this.endSession();
    this.setStatus('disconnected', null);
    await closed;
  }

  private startSession(): void {
    const session = ++this.generation;
    const client = createTmiClient(this.url, this.opts.username, this.opts.token);
    this.client = client;
    this.joined.clear();
    takeOverSocket(client, this.url.href, {
      frame: this.onFrame,
      opened: () => {
        this.stage = 'logging in';
      },
      problem: (detail) => {
        this.socketProblem ??= detail; // the first explanation is the most specific one
      },
    });
    // Registered once per tmi client, which lives for the whole session (reconnects reuse it).
    client.on('message', this.dispatcher.onMessage);
    client.on('cheer', this.dispatcher.onCheer);
    client.on('connected', () => this.onLoggedIn(session));
    client.on('disconnected', (reason: string) => this.onDisconnected(session, reason));
    client.on('part', (channel: string, _nick: string, self: boolean) => {
      if (self && this.joined.delete(channel.slice(1)))
        this.setStatus('connected', `the server removed us from ${channel}`);
    });
    this.openConnection();
  }

  private openConnection(): void {
    this.connectionSeq++;
    this.stage = 'opening';
    this.socketProblem = null;
    this.loginFailure = null;
    this.clearAttemptTimer();
    if (!this.pending)
      this.attemptTimer = setTimeout(this.abandonAttempt, this.opts.connectTimeoutMs ?? 10_000);
    this.client?.connect().catch(ignore); // outcomes arrive as 'connected' / 'disconnected' events
  }

  /** Close a hung reconnect attempt; its 'disconnected' schedules the next one. */
  private readonly abandonAttempt = (): void => {
    this.attemptTimer = null;
    const socket = this.client?.ws;
    if (!socket) return;
    this.socketProblem = `timed out: ${this.stallReason()}`;
    socket.close();
  };

  /** One WebSocket frame: stamp it once, then parse each line (fast path or tmi.js), containing any failure per line. */
  private readonly onFrame = (data: string): void => {
    const arrivalMs = this.clock.now();
    this.dispatcher.frameArrivalMs = arrivalMs;
    const client = this.client;
    if (!client) return;
    const lines = data.trim().split('\r\n');
    for (let i = 0; i < lines.length; i++) {
      try {
        // Viewers' chat lines skip tmi.js (same ChatMessage, a fraction of the work: see fastPrivmsg.ts).
        const chat = parseFastPrivmsg(lines[i]!, arrivalMs);
        if (chat !== null) {
          this.dispatcher.deliverMessage(chat);
          continue;
        }
        const message = parser.msg(lines[i]!);
        if (message === null) {
          this.malformedLines++;
          continue;
        }
        if (
          message.command !== 'PRIVMSG' &&
          this.intercept(client, message.command, message.prefix, message.params)
        )
          continue;
        client.handleMessage(message);
      } catch {
        this.malformedLines++;
      }
    }
    // Every line of the frame has been delivered (both paths deliver synchronously): the engine sends what
    // they changed now. Caught like the message handlers, so a failure never stops the socket from reading.
    const ends = this.frameEndHandlers;
    for (let i = 0; i < ends.length; i++) {
      try {
        ends[i]!();
      } catch {
        this.dispatcher.handlerErrors++;
      }
    }
  };

  /** Server messages we handle before (or instead of) tmi.js; true when tmi.js must not see it. */
  private intercept(
    client: TmiInternals,
    command: string | null,
    prefix: string | null,
    params: string[],
  ): boolean {
    if (prefix !== 'tmi.twitch.tv') return false;
    if (command === 'RECONNECT') {
      // tmi.js would schedule its own uncancellable reconnect; close and reconnect ourselves instead.
      this.serverAskedToReconnect = true;
      this.joined.clear();
      if (this.current.state === 'connected') this.setStatus('reconnecting', 'Twitch asked us to reconnect');
      client.disconnect().catch(ignore);
      return true;
    }
    if (command === 'NOTICE' && params[0] === '*') {
      const text = params[1] ?? '';
      if (isLoginFailure(text)) this.loginFailure = text;
    }
    return false;
  }

  private onLoggedIn(session: number): void {
    if (session !== this.generation || !this.client) return;
    this.stage = 'joining';
    const connection = this.connectionSeq;
    for (const channel of this.wanted) {
      this.client.join(`#${channel}`).then(
        () => this.onJoined(connection, channel),
        (err: unknown) => this.onJoinFailed(connection, channel, err),
      );
    }
  }

  private onJoined(connection: number, channel: string): void {
    if (connection !== this.connectionSeq || !this.client) return;
    this.joined.add(channel);
    if (this.joined.size < this.wanted.length) return;
    this.stage = 'ready';
    this.attempts = 0;
    this.clearAttemptTimer();
    this.setStatus('connected', null);
    if (this.pending) {
      this.clearConnectTimer();
      this.pending.resolve();
      this.pending = null;
    }
  }

  private onJoinFailed(connection: number, channel: string, err: unknown): void {
    if (connection !== this.connectionSeq || !this.client) return;
    const reason = joinFailureReason(channel, err);
    this.clearAttemptTimer();
    if (this.pending) this.failConnect(reason);
    else this.setStatus('connected', reason); // keep reading the channels that did join
  }

  private onDisconnected(session: number, tmiReason: string): void {
    if (session !== this.generation || !this.client) return;
    this.connectionSeq++;
    this.clearAttemptTimer();
    this.joined.clear();
    // tmi.js would re-join what it remembers on the next welcome, on top of our own joins.
    this.client.channels = [];
    if (this.loginFailure !== null) {
      this.failOrStop(`login failed: ${this.loginFailure}`);
      return;
    }
    const asked = this.serverAskedToReconnect;
    this.serverAskedToReconnect = false;
    const detail = this.socketProblem ?? tmiReason ?? 'unknown reason';
    if (this.pending && !asked) {
      this.failConnect(`could not connect to ${this.url.href}: ${detail}`);
      return;
    }
    const attempt = ++this.attempts;
    const delay = reconnectDelayMs(
      attempt,
      asked,
      this.opts.reconnectBaseMs ?? 1000,
      this.opts.reconnectMaxMs ?? 30_000,
    );
    const reason = asked ? 'Twitch asked us to reconnect' : `connection lost: ${detail}`;
    if (!this.pending)
      this.setStatus(
        'reconnecting',
        attempt > 1 ? `${reason} (retry ${attempt} in ${(delay / 1000).toFixed(1)} s)` : reason,
      );
    this.clearReconnectTimer();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (session === this.generation) this.openConnection();
    }, delay);
  }

  private failConnect(reason: string): void {
    const pending = this.pending;
    this.pending = null;
    void this.endSession();
    this.setStatus('disconnected', reason);
    pending?.reject(new Error(reason));
  }

  private failOrStop(reason: string): void {
    if (this.pending) this.failConnect(reason);
    else {
      void this.endSession();
      this.setStatus('disconnected', reason);
    }
  }

  private stallReason(): string {
    return stallReason(
      this.stage,
      this.url.href,
      this.wanted.filter((c) => !this.joined.has(c)),
    );
  }

  private endSession(): Promise<void> {
    this.generation++;
    this.clearConnectTimer();
    this.clearReconnectTimer();
    this.clearAttemptTimer();
    this.joined.clear();
    const client = this.client;
    this.client = null;
    return client ? shutDownClient(client) : Promise.resolve();
  }

  private setStatus(state: ChatConnectionState, reason: string | null): void {
    const channels = this.wanted.filter((c) => this.joined.has(c));
    const prev = this.current;
    if (prev.state === state && prev.reason === reason && prev.channels.join() === channels.join()) return;
    this.current = { state, channels, reason };
    for (const handler of this.statusHandlers) {
      try {
        handler(this.status());
      } catch {
        // a UI bug must not break the chat connection
      }
    }
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private clearAttemptTimer(): void {
    if (this.attemptTimer) clearTimeout(this.attemptTimer);
    this.attemptTimer = null;
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}
