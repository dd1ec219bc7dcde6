// The IRC lines Twitch's chat server sends, built the way Twitch builds them (tag names, tag order, IRCv3
// escaping), for the fake server and for load generators that prebuild lines. Plain string work, no I/O.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/domain';

export interface FakeChatMessage {
  /** Login name; lower-cased for the prefix, used as given for `display-name`. */
  user: string;
  /** Chat text; CR and LF become spaces (an IRC line cannot contain them). */
  text: string;
  /** `user-id` tag; a stable id derived from the login when omitted (the room id for the broadcaster). */
  userId?: string;
  role?: Role;
  /** `id` tag; a fresh UUID when omitted. */
  id?: string;
  /** `tmi-sent-ts` tag in epoch ms; Date.now() when omitted. */
  sentTs?: number;
  /** Extra or overriding tags (raw values, escaped here): `bits`, `custom-reward-id`, `badges`... */
  extraTags?: Record<string, string>;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', ';': '\\:', ' ': '\\s', '\r': '\\r', '\n': '\\n' };
const ESCAPE_RE = /[\\; \r\n]/g;
const UNESCAPES: Record<string, string> = { '\\': '\\', ':': ';', s: ' ', r: '\r', n: '\n' };
const UNESCAPE_RE = /\\(.?)/gs;

/** IRCv3 tag value escaping: `\` `;` space CR LF become `\\` `\:` `\s` `\r` `\n`. */
export function escapeTagValue(value: string): string {
  return value.replace(ESCAPE_RE, (c) => ESCAPES[c]!);
}

/** The inverse per the IRCv3 spec (an unknown escape drops the backslash; a trailing backslash is dropped). */
export function unescapeTagValue(value: string): string {
  return value.replace(UNESCAPE_RE, (_m, c: string) => UNESCAPES[c] ?? c);
}

/** `#Chan` / `chan` → `chan`. */
export function normalizeChannel(channel: string): string {
  return channel.trim().replace(/^#/, '').toLowerCase();
}

/** A stable numeric id for a name (FNV-1a), so the same fake user or room always has the same id. */
export function stableNumericId(name: string, base = 100_000_000): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return String(base + ((h >>> 0) % (base * 9)));
}

export function roomIdOf(channel: string): string {
  return stableNumericId(`#${normalizeChannel(channel)}`, 10_000_000);
}

const BADGES: Record<Role, { badgeInfo: string; badges: string; userType: string }> = {
  everyone: { badgeInfo: '', badges: '', userType: '' },
  subscriber: { badgeInfo: 'subscriber/12', badges: 'subscriber/12', userType: '' },
  vip: { badgeInfo: '', badges: 'vip/1', userType: '' },
  moderator: { badgeInfo: '', badges: 'moderator/1', userType: 'mod' },
  broadcaster: { badgeInfo: '', badges: 'broadcaster/1', userType: '' },
};

/**
 * A tagged PRIVMSG exactly as Twitch sends it (same tags, same order):
 * `@badge-info=;badges=...;...;vip=1 :user!user@user.tmi.twitch.tv PRIVMSG #chan :text`.
 */
export function buildPrivmsgLine(channel: string, msg: FakeChatMessage): string {
  const chan = normalizeChannel(channel);
  const login = msg.user.toLowerCase();
  const role = msg.role ?? 'everyone';
  const roomId = roomIdOf(chan);
  const userId = msg.userId ?? (role === 'broadcaster' ? roomId : stableNumericId(login));
  const b = BADGES[role];
  const text = msg.text.replace(/[\r\n]/g, ' ');
  const prefix = ` :${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${chan} :`;
  const id = msg.id ?? randomUUID();
  const sentTs = String(msg.sentTs ?? Date.now());
  if (!msg.extraTags) {
    // The common case (load generation) without the tag array: the same bytes, built in one template.
    return (
      `@badge-info=${b.badgeInfo};badges=${b.badges};color=;display-name=${escapeTagValue(msg.user)};emotes=;` +
      `first-msg=0;flags=;id=${escapeTagValue(id)};mod=${role === 'moderator' ? 1 : 0};returning-chatter=0;` +
      `room-id=${roomId};subscriber=${role === 'subscriber' ? 1 : 0};tmi-sent-ts=${sentTs};turbo=0;` +
      `user-id=${escapeTagValue(userId)};user-type=${b.userType}${role === 'vip' ? ';vip=1' : ''}${prefix}${text}`
    );
  }
  const tags: [string, string][] = [
    ['badge-info', b.badgeInfo],
    ['badges', b.badges],
    ['color', ''],
    ['display-name', msg.user],
    ['emotes', ''],
    ['first-msg', '0'],
    ['flags', ''],
    ['id', id],
    ['mod', role === 'moderator' ? '1' : '0'],
    ['returning-chatter', '0'],
    ['room-id', roomId],
    ['subscriber', role === 'subscriber' ? '1' : '0'],
    ['tmi-sent-ts', sentTs],
    ['turbo', '0'],
    ['user-id', userId],
    ['user-type', b.userType],
  ];
  if (role === 'vip') tags.push(['vip', '1']);
  for (const [key, value] of Object.entries(msg.extraTags)) {
    const existing = tags.find((t) => t[0] === key);
    if (existing) existing[1] = value;
    else tags.push([key, value]);
  }
  let line = '@';
  for (let i = 0; i < tags.length; i++) {
    if (i > 0) line += ';';
    line += `${tags[i]![0]}=${escapeTagValue(tags[i]![1])}`;
  }
  return line + prefix + text;
}

/** The registration burst Twitch sends after NICK (tmi.js resolves connect() on the 376). */
export function welcomeLines(nick: string): string[] {
  return [
    `:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!`,
    `:tmi.twitch.tv 002 ${nick} :Your host is tmi.twitch.tv`,
    `:tmi.twitch.tv 003 ${nick} :This server is rather new`,
    `:tmi.twitch.tv 004 ${nick} :-`,
    `:tmi.twitch.tv 375 ${nick} :-`,
    `:tmi.twitch.tv 372 ${nick} :You are in a maze of twisty passages, all alike.`,
    `:tmi.twitch.tv 376 ${nick} :>`,
  ];
}

export function globalUserStateLine(nick: string): string {
  const id = stableNumericId(nick);
  return `@badge-info=;badges=;color=;display-name=${escapeTagValue(nick)};emote-sets=0;user-id=${id};user-type= :tmi.twitch.tv GLOBALUSERSTATE`;
}

export function userStateLine(nick: string, channel: string): string {
  return `@badge-info=;badges=;color=;display-name=${escapeTagValue(nick)};emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #${channel}`;
}

/** The lines a JOIN produces: echo, NAMES, (USERSTATE when logged in), ROOMSTATE — the order Twitch uses. */
export function joinLines(nick: string, channel: string, authenticated: boolean): string[] {
  const lines = [
    `:${nick}!${nick}@${nick}.tmi.twitch.tv JOIN #${channel}`,
    `:${nick}.tmi.twitch.tv 353 ${nick} = #${channel} :${nick}`,
    `:${nick}.tmi.twitch.tv 366 ${nick} #${channel} :End of /NAMES list`,
  ];
  if (authenticated) lines.push(userStateLine(nick, channel));
  lines.push(
    `@emote-only=0;followers-only=-1;r9k=0;room-id=${roomIdOf(channel)};slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #${channel}`,
  );
  return lines;
}
