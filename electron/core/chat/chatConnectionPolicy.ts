// Decisions and words for the chat connection, kept apart from the socket juggling in tmiChatSource:
// which inputs are valid, how long to wait before reconnecting, and how to tell a streamer what went wrong.

export const TWITCH_IRC_URL = 'wss://irc-ws.chat.twitch.tv:443';
const CHANNEL_RE = /^[a-z0-9_]{2,25}$/;
const LOGIN_FAILURES = [
  'Login authentication failed',
  'Login unsuccessful',
  'Improperly formatted auth',
  'Error logging in',
  'Invalid NICK',
];

export type ConnectStage = 'opening' | 'logging in' | 'joining' | 'ready';

export function parseTwitchServerUrl(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`Twitch server "${server}" is not a URL (expected e.g. ${TWITCH_IRC_URL})`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new Error(`Twitch server "${server}" must be a ws:// or wss:// URL`);
  return url;
}

/** `#Chan`, `chan ` → `chan`, deduplicated; throws a readable error for anything that is not a channel name. */
export function normalizeChannels(channels: readonly string[]): string[] {
  const wanted = [...new Set(channels.map((c) => String(c).trim().replace(/^#/, '').toLowerCase()))];
  if (wanted.length === 0) throw new Error('no channel to join');
  const bad = wanted.find((c) => !CHANNEL_RE.test(c));
  if (bad !== undefined)
    throw new Error(`"${bad}" is not a Twitch channel name (2–25 letters, digits or underscores)`);
  return wanted;
}

/** Twitch's NOTICE texts for a refused login (the ones tmi.js also recognises). */
export function isLoginFailure(noticeText: string): boolean {
  return LOGIN_FAILURES.some((f) => noticeText.includes(f));
}

export function joinFailureReason(channel: string, err: unknown): string {
  if (err === 'msg_channel_suspended') return `#${channel} does not exist or has been suspended`;
  if (err === 'No response from Twitch.') return `Twitch did not confirm joining #${channel}`;
  return `could not join #${channel}: ${String(err)}`;
}

/** What we were still waiting for when a connect attempt timed out. */
export function stallReason(stage: ConnectStage, url: string, notJoined: readonly string[]): string {
  if (stage === 'opening') return `${url} did not accept the connection`;
  if (stage === 'logging in')
    return `${url} accepted the connection but never finished the login (no 376 welcome)`;
  return `Twitch did not confirm joining ${notJoined.map((c) => `#${c}`).join(', ')}`;
}

/**
 * Twitch's RECONNECT means "come back now": the first attempt after it is immediate. A lost connection
 * backs off exponentially, with ±20 % jitter so many clients do not return in lockstep.
 */
export function reconnectDelayMs(
  attempt: number,
  askedByServer: boolean,
  baseMs: number,
  maxMs: number,
): number {
  if (askedByServer && attempt === 1) return 0;
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
}
