// Chat text normalisation, done before parsing so that what a viewer sees as `!cutoff 70` parses as such.
// Chat clients (Chatterino, 7TV, BTTV) append invisible characters to repeated messages to get past Twitch's
// duplicate filter; IMEs type full-width forms (`！ｃｕｔｏｆｆ` + U+3000 + `７０`); copy-paste brings bidi marks along.
//
// Most messages are plain printable ASCII, so `isPlainAscii` lets the parser skip all of this with one scan
// and no allocation. The slow path builds a new string once.

/** True when every character is printable ASCII (0x20..0x7E): nothing to normalise. */
export function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Characters that render as nothing: removed outright (so `70\u200B` is `70`). */
function isInvisible(c: number): boolean {
  return (
    c === 0x00ad || // soft hyphen
    c === 0x034f || // combining grapheme joiner (Chatterino's duplicate bypass)
    c === 0x061c || // Arabic letter mark
    c === 0x115f ||
    c === 0x1160 || // Hangul fillers, used as "blank" characters
    c === 0x180e || // Mongolian vowel separator
    (c >= 0x200b && c <= 0x200f) || // zero-width space/joiners, LRM, RLM
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings and overrides
    (c >= 0x2060 && c <= 0x2064) || // word joiner, invisible operators
    (c >= 0x2066 && c <= 0x206f) || // bidi isolates, deprecated format characters
    c === 0x3164 ||
    c === 0xffa0 || // Hangul fillers
    (c >= 0xfe00 && c <= 0xfe0f) || // variation selectors
    c === 0xfeff // BOM / zero-width no-break space
  );
}

/** Characters that separate words: folded to one ASCII space. Control characters count, so they never join tokens. */
function isSpaceLike(c: number): boolean {
  return (
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) || // DEL, C1 controls (incl. NEL), no-break space
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 // ideographic space
  );
}

/**
 * Strip invisible characters, fold full-width ASCII (U+FF01..U+FF5E) to ASCII, turn every kind of space and
 * control character into one space, collapse runs of spaces and trim.
 */
export function normaliseChat(text: string): string {
  const out: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    // Plane-14 tags (U+E0000..U+E007F, 7TV's duplicate bypass) and variation selectors supplement
    // (U+E0100..U+E01EF) arrive as the surrogate pair DB40 + DC00..DDEF.
    if (c === 0xdb40 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if ((low >= 0xdc00 && low <= 0xdc7f) || (low >= 0xdd00 && low <= 0xddef)) {
        i++;
        continue;
      }
    }
    if (isInvisible(c)) continue;
    if (isSpaceLike(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (pendingSpace) {
      out.push(0x20);
      pendingSpace = false;
    }
    out.push(c);
  }
  return String.fromCharCode(...out);
}
