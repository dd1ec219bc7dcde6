// The engine's ports: small interfaces the composition root fills with real adapters
// (tmi.js, UDP, better-sqlite3) or with in-memory twins in tests.
import type { ChatConnectionState, ChatMessage, CommandEvent } from '../../shared/domain';

/** Injected time, so every pipeline stage is testable without waiting. */
export interface Clock {
  /** Monotonic milliseconds (performance.now() in production). */
  now(): number;
  /** Wall-clock epoch milliseconds (Date.now() in production). */
  wallNow(): number;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
};

export interface ChatStatus {
  state: ChatConnectionState;
  channels: string[];
  /** Why we are not connected (last error, server RECONNECT, ...), null when healthy. */
  reason: string | null;
}

/** Where chat lines come from: Twitch through tmi.js in production, a fake IRC server in tests. */
export interface ChatSource {
  /** Resolves once joined; rejects with a readable reason (bad channel, server unreachable, timeout). */
  connect(channels: string[]): Promise<void>;
  disconnect(): Promise<void>;
  status(): ChatStatus;
  /** Called once per unique chat message, synchronously from the socket's data handler. */
  onMessage(handler: (msg: ChatMessage) => void): void;
  /**
   * Called right after the last message of one batch of lines that arrived together (one WebSocket frame),
   * synchronously, in the same tick. Lines of one frame are simultaneous, so the engine sends their changes
   * as one OSC bundle here. Optional: without it the engine sends each message's changes at once.
   */
  onFrameEnd?(handler: () => void): void;
  onStatus(handler: (status: ChatStatus) => void): void;
  /**
   * Post a chat message (the `!cv` reply). Returns false without sending when the connection cannot chat
   * (anonymous, read-only) or is not connected. Never throws; the caller keeps within Twitch's send limits.
   */
  say(channel: string, text: string): boolean;
}

/** Where control values go: one float per change at a fixed, pre-compiled OSC address. */
export interface OscSink {
  /** Send `value` to the address at `addressIndex` (the variable's index in the config) on every target. */
  send(addressIndex: number, value: number): void;
  /**
   * Send the first `count` changes (`indices[i]` gets `values[i]`) as ONE datagram per target: a plain
   * message for one change, an OSC bundle (time tag "immediately", one message per change, in order) for
   * several. Takes preallocated arrays so a batch allocates nothing but its datagram.
   */
  sendBatch(indices: ArrayLike<number>, values: ArrayLike<number>, count: number): void;
  /** Send one arbitrary address/value (the UI's "send test value"). */
  sendTest(address: string, value: number): void;
  stats(): { sent: number; errors: number };
  close(): Promise<void>;
}

/** The analytics trail: every decision, batched and written off the hot path. */
export interface AnalyticsSink {
  /** O(1), never touches the disk on the calling thread. */
  record(event: CommandEvent): void;
  /** Writes everything recorded so far; resolves when it is on disk. */
  flush(): Promise<void>;
  stats(): { pendingRows: number; writtenRows: number; errors: number };
  close(): Promise<void>;
}

/** Persisted engine state: variable values, locks, panic, blocked users. Survives restarts. */
export interface PersistedState {
  values: Record<string, number>;
  locked: string[];
  panic: boolean;
  blockedUsers: string[];
  /** Blocked users' display names by id, so the Users panel names them after a restart (older saves lack it). */
  blockedNames?: Record<string, string>;
}

export interface StateStore {
  /** Read at start-up (before chat connects), so synchronous disk access is fine here. */
  load(): PersistedState | null;
  /** Schedule a save; must not block the caller on the disk. */
  save(state: PersistedState): void;
  /** Write the latest scheduled state now (shutdown). */
  flush(): Promise<void>;
}
