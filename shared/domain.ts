// Domain vocabulary shared by the engine, the UI and the contract. Plain TypeScript only.

/** Viewer roles, lowest first. A variable's `permission` is the lowest role allowed to use it. */
export const ROLES = ['everyone', 'subscriber', 'vip', 'moderator', 'broadcaster'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  everyone: 0,
  subscriber: 1,
  vip: 2,
  moderator: 3,
  broadcaster: 4,
};

/** Every refused message carries exactly one of these reasons. */
export const REFUSAL_REASONS = [
  'not_a_command',
  'too_long',
  'unknown_variable',
  'bad_value',
  'out_of_range',
  'permission',
  'locked',
  'panic',
  'rate_limited',
  'cooldown',
  'overloaded',
  'blocked',
  'duplicate',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];
export type Outcome = 'accepted' | 'refused';

/** Chat command words that can never name a variable (`!panic`, `!cv`, ...). */
export const ADMIN_COMMANDS = ['panic', 'resume', 'lock', 'unlock', 'reset'] as const;
export const LIST_COMMAND = 'cv';
export const RESERVED_COMMAND_NAMES: readonly string[] = [...ADMIN_COMMANDS, LIST_COMMAND];

/** Twitch caps chat messages at 500 characters; anything longer did not come from a real chat client. */
export const MAX_MESSAGE_LENGTH = 500;

/** One chat line as the engine sees it, whatever the ChatSource behind it. */
export interface ChatMessage {
  /** Twitch's message `id` tag, used to drop duplicates after a reconnect; null when absent. */
  id: string | null;
  channel: string;
  userId: string;
  userName: string;
  role: Role;
  text: string;
  /** performance.now() when the line arrived in this process (the start of the latency we own). */
  arrivalMs: number;
  /** Twitch's `tmi-sent-ts` tag (epoch ms), null when absent or malformed. */
  sentTs: number | null;
}

/** What happened to one chat message: the row the analytics store keeps and the UI's command feed shows. */
export interface CommandEvent {
  /** Epoch ms when the decision was made. */
  ts: number;
  channel: string;
  userId: string;
  userName: string;
  /** Canonical variable name, or the admin verb (`panic`, `lock`...), or null when none was recognised. */
  variable: string | null;
  raw: string;
  /** The accepted value in the variable's chat range (after clamping), or null. */
  value: number | null;
  outcome: Outcome;
  reason: RefusalReason | null;
  /** Arrival-to-send (or arrival-to-decision for refusals) in microseconds. */
  latencyUs: number;
}

export type ChatConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface VariableView {
  name: string;
  aliases: string[];
  address: string;
  type: 'continuous' | 'gate' | 'trigger' | 'pitch';
  min: number;
  max: number;
  default: number;
  /** Current target in the chat range (what viewers asked for, after aggregation). */
  value: number;
  /** Current output value as last sent over OSC (may lag `value` while slewing). */
  output: number;
  locked: boolean;
  lastUser: string | null;
  lastChangedAt: number | null;
}

/** One chatter as the Users panel shows them. */
export interface UserView {
  userId: string;
  userName: string;
  role: Role;
  accepted: number;
  refused: number;
  /** Per-user token bucket: tokens left out of capacity (moderators bypass it). */
  tokens: number;
  capacity: number;
  lastCommand: string | null;
  lastSeenAt: number;
  blocked: boolean;
}

/** Everything /api/state and the dashboard show. Latencies are in milliseconds. */
export interface EngineStateSnapshot {
  at: number;
  uptimeSec: number;
  chat: { state: ChatConnectionState; channels: string[]; reason: string | null };
  osc: { targets: { host: string; port: number }[]; sent: number; errors: number };
  store: { path: string | null; pendingRows: number; writtenRows: number; errors: number };
  panic: boolean;
  variables: VariableView[];
  counters: {
    received: number;
    accepted: number;
    refused: number;
    byReason: Partial<Record<RefusalReason, number>>;
  };
  latency: { process: LatencySummary; twitch: LatencySummary };
  rates: { commandsPerSec: number; errorRate: number };
  activeUsers: number;
  memory: { rssMb: number; heapUsedMb: number };
}
