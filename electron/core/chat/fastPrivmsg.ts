// The fast path for the one line that matters at volume: a tagged chat PRIVMSG from a viewer. tmi.js turns each
// such line into a parsed-message object, a tags object with every tag (badges, badge-info and emotes split into
// objects, each value unescaped), a message-type, an event argument array per listener... about 3 µs and a few
// kilobytes of garbage per line, which at 10,000 lines/s is a young-generation collection every ~200 ms.
// Here we read only the tags the engine uses, straight from the line, and build the ChatMessage directly.
//
// The result must be exactly what the tmi.js path (parser.msg → client.handleMessage → 'message'/'cheer' →
// chatMessageOf) produces, including tmi.js's quirks: a tag without '=' takes the whole tag text as its value,
// an empty value means "absent", '1'/'0' are the only true/false, unescaping follows tmi.js's unescapeIRC, badge
// names are not unescaped, the login comes raw from the prefix. Anything of another shape (no tags, a server or
// `jtv` prefix, extra spaces, no trailing text, another command) returns null and goes through tmi.js as before.
// fastPrivmsg.test.ts checks the equivalence on arbitrary lines with fast-check.
import utils from 'tmi.js/lib/utils.js';
import type { ChatMessage, Role } from '../../../shared/domain';

const AT = 64;
const SPACE = 32;
const COLON = 58;
const SOH = 1;
// tmi.js's own pattern for `/me` lines (SOH ACTION text SOH).
// eslint-disable-next-line no-control-regex
const ACTION_RE = /^\u0001ACTION ([^\u0001]+)\u0001$/;
const COMMAND = 'PRIVMSG ';
// Empty never matches: a channel parameter is at least one character long.
let lastChannelRaw = '';
let lastChannel = '';

/**
 * V8 keeps a substring of 13 or more characters as a view into its parent, so an id kept for deduplication (or a
 * long name kept per tracked user) would keep the whole WebSocket frame alive: at 10,000 lines/s that is a
 * megabyte of frames copied by every young-generation collection and then promoted. Concatenating and slicing
 * again makes V8 flatten the string into a fresh copy of just these characters.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The raw value of the tag spanning [start, end): tmi.js's `substring(indexOf('=') + 1) || true`. */
function rawValue(line: string, start: number, end: number): string {
  const eq = line.indexOf('=', start);
  return eq === -1 || eq >= end ? line.slice(start, end) : line.slice(eq + 1, end);
}

/** tagText() of what tmi.js makes of a raw value: null when empty, else unescaped. */
function textOf(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  return raw.indexOf('\\') === -1 ? raw : utils.unescapeIRC(raw);
}

/** Whether a raw `badges` value holds `name` (tmi.js: split on ',', the name is what comes before the first '/'). */
function hasBadge(badges: string, name: string): boolean {
  let from = 0;
  while (from <= badges.length) {
    let comma = badges.indexOf(',', from);
    if (comma === -1) comma = badges.length;
    const slash = badges.indexOf('/', from);
    const nameEnd = slash === -1 || slash > comma ? comma : slash;
    if (nameEnd - from === name.length && badges.startsWith(name, from)) return true;
    from = comma + 1;
  }
  return false;
}

/** roleOf() over raw tag values. */
function roleFrom(
  badges: string | undefined,
  userId: string | null,
  roomId: string | undefined,
  mod: string | undefined,
  vip: string | undefined,
  subscriber: string | undefined,
): Role {
  const hasBadges = badges !== undefined && badges !== '';
  if (hasBadges) {
    if (hasBadge(badges, 'broadcaster')) return 'broadcaster';
    if (hasBadge(badges, 'moderator')) return 'moderator';
  }
  if (userId !== null && userId === textOf(roomId)) return 'broadcaster';
  if (mod === '1') return 'moderator';
  if (vip === '1' || (hasBadges && hasBadge(badges, 'vip'))) return 'vip';
  if (subscriber === '1' || (hasBadges && (hasBadge(badges, 'subscriber') || hasBadge(badges, 'founder'))))
    return 'subscriber';
  return 'everyone';
}

/**
 * The ChatMessage for a viewer's tagged PRIVMSG line, or null when the line is not of the common shape
 * `@tags :nick!user@host PRIVMSG #channel :text` (the caller then hands it to tmi.js).
 */
export function parseFastPrivmsg(line: string, arrivalMs: number): ChatMessage | null {
  if (line.charCodeAt(0) !== AT) return null;
  const tagsEnd = line.indexOf(' ');
  if (tagsEnd === -1 || line.charCodeAt(tagsEnd + 1) !== COLON) return null;
  const prefixEnd = line.indexOf(' ', tagsEnd + 2);
  if (prefixEnd === -1 || !line.startsWith(COMMAND, prefixEnd + 1)) return null;
  const chanStart = prefixEnd + 1 + COMMAND.length;
  const first = line.charCodeAt(chanStart);
  if (first === SPACE || first === COLON) return null;
  const chanEnd = line.indexOf(' ', chanStart);
  if (chanEnd === -1 || line.charCodeAt(chanEnd + 1) !== COLON) return null;

  const prefix = line.slice(tagsEnd + 2, prefixEnd);
  if (prefix === 'tmi.twitch.tv' || prefix === 'jtv') return null;
  const bang = prefix.indexOf('!');
  const login = bang === -1 ? prefix : prefix.slice(0, bang);
  if (login === 'jtv') return null;

  // Tags: the last occurrence of a key wins, as in tmi.js's object.
  let id: string | undefined;
  let userIdRaw: string | undefined;
  let displayName: string | undefined;
  let badges: string | undefined;
  let mod: string | undefined;
  let subscriber: string | undefined;
  let vip: string | undefined;
  let roomId: string | undefined;
  let sentTsRaw: string | undefined;
  let start = 1;
  while (start <= tagsEnd) {
    let end = line.indexOf(';', start);
    if (end === -1 || end > tagsEnd) end = tagsEnd;
    let keyEnd = line.indexOf('=', start);
    if (keyEnd === -1 || keyEnd > end) keyEnd = end;
    // Compare the key by length first: most tags are none of ours and cost one switch.
    switch (keyEnd - start) {
      case 2:
        if (line.startsWith('id', start)) id = rawValue(line, start, end);
        break;
      case 3:
        if (line.startsWith('mod', start)) mod = rawValue(line, start, end);
        else if (line.startsWith('vip', start)) vip = rawValue(line, start, end);
        break;
      case 6:
        if (line.startsWith('badges', start)) badges = rawValue(line, start, end);
        break;
      case 7:
        if (line.startsWith('user-id', start)) userIdRaw = rawValue(line, start, end);
        else if (line.startsWith('room-id', start)) roomId = rawValue(line, start, end);
        break;
      case 10:
        if (line.startsWith('subscriber', start)) subscriber = rawValue(line, start, end);
        break;
      case 11:
        if (line.startsWith('tmi-sent-ts', start)) sentTsRaw = rawValue(line, start, end);
        break;
      case 12:
        if (line.startsWith('display-name', start)) displayName = rawValue(line, start, end);
        break;
    }
    start = end + 1;
  }

  let text = line.slice(chanEnd + 2);
  if (text.charCodeAt(0) === SOH) {
    const action = ACTION_RE.exec(text);
    if (action) text = action[1]!;
  }
  // One channel almost always: reuse the previous line's name instead of a new string per line.
  let channel = lastChannel;
  if (chanEnd - chanStart !== lastChannelRaw.length || !line.startsWith(lastChannelRaw, chanStart)) {
    lastChannelRaw = detached(line.slice(chanStart, chanEnd));
    const lower = lastChannelRaw.toLowerCase();
    lastChannel = lower.charCodeAt(0) === 35 /* # */ ? lower.slice(1) : lower;
    channel = lastChannel;
  }
  const userId = textOf(userIdRaw);
  const sentText = textOf(sentTsRaw);
  const sentMs = sentText === null ? NaN : Number(sentText);
  const messageId = textOf(id);
  return {
    id: messageId === null ? null : detached(messageId),
    channel,
    userId: detached(userId || login),
    userName: detached(textOf(displayName) || login),
    role: roleFrom(badges, userId, roomId, mod, vip, subscriber),
    // The engine keeps each tracked user's last command: a view into the frame would keep the frame alive.
    text: detached(text),
    arrivalMs,
    sentTs: Number.isFinite(sentMs) && sentMs > 0 ? sentMs : null,
  };
}
