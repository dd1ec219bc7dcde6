// The fast path must produce exactly the ChatMessage the tmi.js path produces (parser.msg → handleMessage →
// 'message' / 'cheer' → ChatDispatcher), for every line it takes; lines it declines go through tmi.js anyway.
import fc from 'fast-check';
import parser from 'tmi.js/lib/parser.js';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Role } from '../../../shared/domain';
import { ChatDispatcher } from './chatDispatcher';
import { parseFastPrivmsg } from './fastPrivmsg';
import { createTmiClient } from './tmiSocket';
import { buildPrivmsgLine } from './twitchIrcLines';

const ARRIVAL = 1234.5;

/** The tmi.js path, as TmiChatSource ran it before the fast path existed. */
const client = createTmiClient(new URL('ws://127.0.0.1:9'));
let current: ChatDispatcher | null = null;
client.on('message', (...args: Parameters<ChatDispatcher['onMessage']>) => current?.onMessage(...args));
client.on('cheer', (...args: Parameters<ChatDispatcher['onCheer']>) => current?.onCheer(...args));

function viaTmi(line: string): { delivered: ChatMessage[]; command: string | null } {
  const parsed = parser.msg(line);
  if (parsed === null) return { delivered: [], command: null };
  const delivered: ChatMessage[] = [];
  // Only PRIVMSG is handed over here: other commands (a welcome, PING...) would start tmi.js's timers.
  if (parsed.command !== 'PRIVMSG') return { delivered, command: parsed.command };
  current = new ChatDispatcher();
  current.frameArrivalMs = ARRIVAL;
  current.add((m) => delivered.push(m));
  try {
    client.handleMessage(parsed);
  } catch {
    // the adapter counts this line as malformed and delivers nothing
  }
  current = null;
  return { delivered, command: parsed.command };
}

/** Whatever the fast path returns must be what tmi.js delivers for the same line. */
function assertEquivalent(line: string): boolean {
  const fast = parseFastPrivmsg(line, ARRIVAL);
  if (fast === null) return false;
  const slow = viaTmi(line);
  expect(slow.command).toBe('PRIVMSG');
  expect(slow.delivered).toEqual([fast]);
  return true;
}

const tricky = [
  '\\',
  '\\s',
  '\\n',
  '\\:',
  '\\r',
  '\\\\',
  '\\x',
  ':',
  ',',
  '/',
  '=',
  '1',
  '0',
  'a',
  'Z',
  ' ',
  ';',
  '-',
  'é',
  'İ',
  '😀',
  '\u0001',
  '\u200b',
  '\u034f',
  '\udc00',
  '#',
  '!',
  '@',
];
const trickyString = (maxLength = 12) => fc.string({ unit: fc.constantFrom(...tricky), maxLength });
/** What a tag value can hold on the wire: anything but a space or a ';' (those would end it). */
const tagSafeString = (maxLength = 12) =>
  fc.string({ unit: fc.constantFrom(...tricky.filter((c) => c !== ' ' && c !== ';')), maxLength });
const mostly = <T>(usual: T, ...rare: T[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...rare) });
const tagValue = fc.oneof(
  { weight: 3, arbitrary: tagSafeString() },
  trickyString(),
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '1', '0', '12345', '1700000000123', 'abc', '-5', '1e3', '0x10', '1.5'),
  },
  fc.string({ maxLength: 10 }),
);
const badgeItem = fc.tuple(
  fc.constantFrom('broadcaster', 'moderator', 'vip', 'subscriber', 'founder', 'partner', '', 'mod', 'vip\\s'),
  fc.option(fc.constantFrom('1', '12', '', '0/1'), { nil: undefined }),
);
const badgesValue = fc
  .array(badgeItem, { maxLength: 3 })
  .map((items) => items.map(([n, v]) => (v === undefined ? n : `${n}/${v}`)).join(','));
const tagKey = fc.constantFrom(
  'id',
  'user-id',
  'display-name',
  'badges',
  'badge-info',
  'mod',
  'subscriber',
  'vip',
  'tmi-sent-ts',
  'room-id',
  'bits',
  'emotes',
  'msg-id',
  'custom-reward-id',
  'username',
  'message-type',
  'color',
  'ids',
  'Id',
  'user-type',
  'emote-sets',
  '__proto__',
  'constructor',
  '',
);
const tag = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(tagKey, tagValue).map(([k, v]) => `${k}=${v}`) },
  { weight: 2, arbitrary: badgesValue.map((v) => `badges=${v}`) },
  { weight: 1, arbitrary: tagKey },
  { weight: 1, arbitrary: tagSafeString() },
  { weight: 1, arbitrary: trickyString() },
);
const nick = fc.constantFrom('viewer1', 'CoolViewer', 'jtv', '', 'a!b', 'justinfan123', 'x'.repeat(20));
const prefix = fc.oneof(
  { weight: 6, arbitrary: nick.map((n) => `${n}!${n}@${n}.tmi.twitch.tv`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('tmi.twitch.tv', 'jtv', 'viewer', '', 'jtv!jtv@jtv.tmi.twitch.tv'),
  },
  { weight: 1, arbitrary: trickyString() },
);
const channel = fc.constantFrom(
  '#synthstream',
  '#SynthStream',
  'synthstream',
  '##x',
  '#İstanbul',
  '#',
  ':#x',
);
const text = fc.oneof(
  fc.constantFrom(
    '!cutoff 70',
    '!pitch C#3',
    '',
    ' ',
    'hello world',
    '!CUTOFF +10\u{e0000}',
    'x'.repeat(600),
  ),
  trickyString(20).map((t) => `\u0001ACTION ${t}\u0001`),
  fc.constantFrom('\u0001ACTION \u0001', '\u0001ACTION !cutoff 5\u0001', '\u0001ACTION x', '\u0001'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const space = mostly(' ', '  ', '');
const command = mostly('PRIVMSG', 'privmsg', 'WHISPER', 'NOTICE', 'USERNOTICE');
const chatLine = fc
  .record({
    tags: fc.array(tag, { maxLength: 12 }),
    s1: space,
    prefix,
    s2: space,
    command,
    channel,
    s3: space,
    colon: mostly(':', ''),
    text,
  })
  .map(
    (l) =>
      `@${l.tags.join(';')}${l.s1}:${l.prefix}${l.s2}${l.command} ${l.channel}${l.s3}${l.colon}${l.text}`,
  );

describe('parseFastPrivmsg against tmi.js', () => {
  it('gives the same ChatMessage as tmi.js for arbitrary chat-shaped lines, and takes most of them', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(chatLine, (line) => {
        runs++;
        if (assertEquivalent(line)) taken++;
      }),
      { numRuns: 5000 },
    );
    // The generator is mostly well-formed chat: a fast path that declined everything would be useless.
    expect(taken / runs).toBeGreaterThan(0.3);
  });

  it('never takes a line that is not a PRIVMSG, and agrees on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 })),
        (raw) => {
          assertEquivalent(raw);
          assertEquivalent(`@id=1 :v!v@v ${raw}`);
          assertEquivalent(`@${raw} :v!v@v PRIVMSG #c :x`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes every line Twitch sends for viewers, moderators, VIPs, subscribers and the broadcaster', () => {
    const roles: Role[] = ['everyone', 'subscriber', 'vip', 'moderator', 'broadcaster'];
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        fc.stringMatching(/^[A-Za-z0-9_]{1,25}$/),
        fc.string({ unit: 'grapheme', maxLength: 25 }),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.option(fc.constantFrom('100', '1'), { nil: undefined }),
        (role, login, displayName, t, bits) => {
          const extraTags: Record<string, string> = { 'display-name': displayName };
          if (bits !== undefined) extraTags.bits = bits;
          const line = buildPrivmsgLine('SynthStream', {
            user: login,
            text: t,
            role,
            sentTs: 1_700_000_000_000,
            extraTags,
          });
          expect(assertEquivalent(line)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads the fields the engine needs from a real Twitch line', () => {
    const line =
      '@badge-info=subscriber/8;badges=subscriber/6,premium/1;color=#FF0000;display-name=Cool\\sViewer;emotes=;' +
      'id=7f3c;mod=0;room-id=1;subscriber=1;tmi-sent-ts=1700000000123;user-id=4242 ' +
      ':coolviewer!coolviewer@coolviewer.tmi.twitch.tv PRIVMSG #SynthStream :\u0001ACTION !cutoff 70\u0001';
    expect(parseFastPrivmsg(line, 5)).toEqual({
      id: '7f3c',
      channel: 'synthstream',
      userId: '4242',
      userName: 'Cool Viewer',
      role: 'subscriber',
      text: '!cutoff 70',
      arrivalMs: 5,
      sentTs: 1_700_000_000_123,
    });
    expect(assertEquivalent(line)).toBe(true);
  });
});
