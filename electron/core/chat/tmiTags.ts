// Reading tmi.js's parsed tags. tmi.js has already unescaped IRCv3 values, split `badges` into an object,
// and turned the strings '1'/'0' into true/false (for every tag, so a user id of "1" arrives as `true`).
import type { ChatMessage, Role } from '../../../shared/domain';

export type TmiTags = Record<string, unknown> & { badges?: Record<string, string | null> | null };

/** A tag as a string: '1'/'0' back from tmi.js's booleans, null when absent or not text. */
export function tagText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value === true) return '1';
  if (value === false) return '0';
  return null;
}

/** The highest role the tags prove: broadcaster > moderator > vip > subscriber (incl. founder) > everyone. */
export function roleOf(tags: TmiTags): Role {
  const badges = tags.badges;
  if (badges) {
    if (badges.broadcaster !== undefined) return 'broadcaster';
    if (badges.moderator !== undefined) return 'moderator';
  }
  // The broadcaster's own user id is the room id, even if a client hid the badge.
  const userId = tagText(tags['user-id']);
  if (userId !== null && userId === tagText(tags['room-id'])) return 'broadcaster';
  if (tags.mod === true) return 'moderator';
  if (tags.vip === true || (badges && badges.vip !== undefined)) return 'vip';
  if (
    tags.subscriber === true ||
    (badges && (badges.subscriber !== undefined || badges.founder !== undefined))
  )
    return 'subscriber';
  return 'everyone';
}

/** `tmi-sent-ts` as epoch ms; null when absent, empty or garbage. */
export function sentTsOf(tags: TmiTags): number | null {
  const text = tagText(tags['tmi-sent-ts']);
  if (text === null || text.length === 0) return null;
  const ms = Number(text);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** The engine's view of one chat line. `channel` comes from tmi.js with its `#`. */
export function chatMessageOf(
  id: string | null,
  channel: string,
  tags: TmiTags,
  text: string,
  arrivalMs: number,
): ChatMessage {
  const login = tagText(tags.username) ?? '';
  return {
    id,
    channel: channel.charCodeAt(0) === 35 /* # */ ? channel.slice(1) : channel,
    userId: tagText(tags['user-id']) || login,
    userName: tagText(tags['display-name']) || login,
    role: roleOf(tags),
    text,
    arrivalMs,
    sentTs: sentTsOf(tags),
  };
}
