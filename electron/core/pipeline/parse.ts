// Parse one chat message into one command, or a refusal reason. Pure and allocation-light: the caller may pass
// a reusable result object, plain-ASCII text is tokenised in place (no regex, no split), and only the name
// (and the value, when it is a number) is sliced out.
//
// Grammar, after normalisation (see normalize.ts):
//   <prefix><name> [<value>]        one command per message; a further word is refused as bad_value
//   name    starts with an ASCII letter right after the prefix (`! cutoff`, `!!!` are not commands);
//           case-insensitive; a variable name or alias, `cv`, or a moderator verb
//   number  strict decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)$/. `.5` and `5.` are accepted; exponents (`1e2`),
//           hex (`0x10`), `NaN`, `Infinity`, thousands separators (`1,5`) and trailing junk (`5abc`) are not,
//           nor anything that overflows to Infinity (400 nines).
//   sign    a leading `+` or `-` always means relative to the current target (`!cutoff -5` lowers by 5);
//           an absolute negative value cannot be typed in chat (a documented limitation for bipolar ranges).
//   gate    on|off|1|0|true|false (any case); required
//   trigger no value (`!trigger` fires); any value is bad_value
//   pitch   a note name (`C#3`, `Bb2`, `c4`, `C-1`) or a MIDI number; signed numbers are semitone steps
import { MAX_MESSAGE_LENGTH, type RefusalReason } from '../../../shared/domain';
import { midiOfNoteName } from '../../../shared/music';
import type { CompiledConfig, CompiledVariable } from './compile';
import { isPlainAscii, normaliseChat } from './normalize';
import type { CommandKind } from './types';

export interface ParsedCommand {
  /** null when the message parsed as a command. */
  reason: RefusalReason | null;
  kind: CommandKind;
  /** The variable to set, or the target of lock/unlock/reset; null when unknown or not applicable. */
  variable: CompiledVariable | null;
  /** In the variable's chat range (gate on = max, trigger fire = max, pitch = MIDI note), or a delta. */
  value: number;
  relative: boolean;
}

export function createParsed(): ParsedCommand {
  return { reason: null, kind: 'set', variable: null, value: NaN, relative: false };
}

const SPACE = 0x20;

function skipSpaces(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === SPACE) i++;
  return i;
}

function wordEnd(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) !== SPACE) i++;
  return i;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Lower-cased word without allocating twice when it is already lower case. */
function lowerWord(s: string, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return s.slice(start, end).toLowerCase();
  }
  return s.slice(start, end);
}

/** Unicode code points, as Twitch counts its 500-character limit (an emoji is one character, not two). */
function exceedsMessageLimit(text: string): boolean {
  if (text.length <= MAX_MESSAGE_LENGTH) return false;
  if (text.length > 2 * MAX_MESSAGE_LENGTH) return true;
  let count = text.length;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) {
      const h = text.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) count--;
    }
  }
  return count > MAX_MESSAGE_LENGTH;
}

/** Value of a strict decimal in s[start, end), or NaN. Checks the grammar by hand: no regex on the hot path. */
export function parseDecimal(s: string, start: number, end: number): number {
  let i = start;
  const first = s.charCodeAt(i);
  if (first === 0x2b || first === 0x2d) i++; // + -
  let digits = 0;
  let whole = 0;
  while (i < end && isDigit(s.charCodeAt(i))) {
    whole = whole * 10 + (s.charCodeAt(i) - 0x30);
    i++;
    digits++;
  }
  // Whole numbers of up to 15 digits are exact in a double: skip the slice and Number() for the common case.
  if (i === end && digits > 0 && digits <= 15) return first === 0x2d ? -whole : whole;
  if (i < end && s.charCodeAt(i) === 0x2e) {
    i++;
    while (i < end && isDigit(s.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0 || i !== end) return NaN;
  // Fractions go through Number() for correct rounding (0.1 + 0.2 style accumulation would not be).
  const n = Number(s.slice(start, end));
  return Number.isFinite(n) ? n : NaN;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function refuse(out: ParsedCommand, reason: RefusalReason): ParsedCommand {
  out.reason = reason;
  return out;
}

function gateValue(word: string, v: CompiledVariable): number {
  switch (word) {
    case 'on':
    case '1':
    case 'true':
      return v.max;
    case 'off':
    case '0':
    case 'false':
      return v.min;
    default:
      return NaN;
  }
}

export function parseCommand(
  text: string,
  compiled: CompiledConfig,
  out: ParsedCommand = createParsed(),
): ParsedCommand {
  out.reason = null;
  out.kind = 'set';
  out.variable = null;
  out.value = NaN;
  out.relative = false;
  if (exceedsMessageLimit(text)) return refuse(out, 'too_long');

  const s = isPlainAscii(text) ? text : normaliseChat(text);
  const prefix = compiled.prefix;
  let i = skipSpaces(s, 0);
  if (!s.startsWith(prefix, i)) return refuse(out, 'not_a_command');
  i += prefix.length;
  if (i >= s.length || !isAsciiLetter(s.charCodeAt(i))) return refuse(out, 'not_a_command');

  const nameEnd = wordEnd(s, i);
  const name = lowerWord(s, i, nameEnd);
  const valueStart = skipSpaces(s, nameEnd);
  const valueEnd = wordEnd(s, valueStart);
  const hasValue = valueStart < valueEnd;
  const hasExtra = skipSpaces(s, valueEnd) < s.length;

  const v = compiled.byName.get(name);
  if (v === undefined) return parseVerb(name, s, valueStart, valueEnd, hasExtra, compiled, out);
  out.variable = v;
  if (hasExtra) return refuse(out, 'bad_value');

  if (v.type === 'trigger') {
    if (hasValue) return refuse(out, 'bad_value');
    out.value = v.max;
    return out;
  }
  if (!hasValue) return refuse(out, 'bad_value');
  if (v.type === 'gate') {
    out.value = gateValue(lowerWord(s, valueStart, valueEnd), v);
    return Number.isNaN(out.value) ? refuse(out, 'bad_value') : out;
  }
  const c = s.charCodeAt(valueStart);
  if (v.type === 'pitch' && isAsciiLetter(c)) {
    const midi = midiOfNoteName(s.slice(valueStart, valueEnd));
    if (midi === null) return refuse(out, 'bad_value');
    out.value = midi;
    return out;
  }
  const n = parseDecimal(s, valueStart, valueEnd);
  if (Number.isNaN(n)) return refuse(out, 'bad_value');
  out.value = n;
  out.relative = c === 0x2b || c === 0x2d;
  return out;
}

/** `!cv`, `!panic`, `!resume` take nothing; `!lock`, `!unlock`, `!reset` take exactly one variable name. */
function parseVerb(
  name: string,
  s: string,
  valueStart: number,
  valueEnd: number,
  hasExtra: boolean,
  compiled: CompiledConfig,
  out: ParsedCommand,
): ParsedCommand {
  const hasValue = valueStart < valueEnd;
  switch (name) {
    case 'cv':
    case 'panic':
    case 'resume':
      out.kind = name === 'cv' ? 'list' : name;
      return hasValue ? refuse(out, 'bad_value') : out;
    case 'lock':
    case 'unlock':
    case 'reset': {
      out.kind = name;
      if (!hasValue || hasExtra) return refuse(out, 'bad_value');
      const target = compiled.byName.get(lowerWord(s, valueStart, valueEnd));
      if (target === undefined) return refuse(out, 'unknown_variable');
      out.variable = target;
      return out;
    }
    default:
      return refuse(out, 'unknown_variable');
  }
}
