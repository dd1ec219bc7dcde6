// Musical vocabulary for `pitch` variables: scales as semitone sets and note-name parsing.

/** Semitone offsets from the root, ascending, within one octave. */
export const SCALES = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  harmonic_minor: [0, 2, 3, 5, 7, 8, 11],
  melodic_minor: [0, 2, 3, 5, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  locrian: [0, 1, 3, 5, 6, 8, 10],
  pentatonic: [0, 2, 4, 7, 9],
  minor_pentatonic: [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
  whole_tone: [0, 2, 4, 6, 8, 10],
} as const satisfies Record<string, readonly number[]>;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

const LETTER_SEMITONES: Readonly<Record<string, number>> = { c: 0, d: 2, e: 4, f: 5, g: 7, a: 9, b: 11 };

/**
 * Pitch class (0..11) of a root name such as `C`, `F#`, `Bb`, `eb`; null if it is not one.
 */
export function pitchClassOf(name: string): number | null {
  const m = /^([a-gA-G])(#|b|♯|♭)?$/.exec(name.trim());
  if (!m) return null;
  const base = LETTER_SEMITONES[m[1]!.toLowerCase()]!;
  const accidental = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  return (base + accidental + 12) % 12;
}

/**
 * MIDI note number of a note name with octave (`C4` = 60, `D#3` = 51, `Bb2` = 46, `C-1` = 0);
 * null if the text is not a note name or falls outside MIDI's 0..127.
 */
export function midiOfNoteName(text: string): number | null {
  const m = /^([a-gA-G])(#|b|♯|♭)?(-1|[0-9])$/.exec(text);
  if (!m) return null;
  const pc = pitchClassOf(m[1]! + (m[2] ?? ''));
  if (pc === null) return null;
  // Octave arithmetic uses the letter's own octave: Cb4 is B3 (59), B#3 is C4 (60).
  const letter = LETTER_SEMITONES[m[1]!.toLowerCase()]!;
  const accidental = m[2] === '#' || m[2] === '♯' ? 1 : m[2] === 'b' || m[2] === '♭' ? -1 : 0;
  const midi = (Number(m[3]) + 1) * 12 + letter + accidental;
  return midi >= 0 && midi <= 127 ? midi : null;
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
/** `60` → `C4`; for display. */
export function noteNameOf(midi: number): string {
  const n = Math.round(midi);
  return `${NAMES[((n % 12) + 12) % 12]}${Math.floor(n / 12) - 1}`;
}
