import { describe, expect, it } from 'vitest';
import { compileConfig } from './compile';
import { parseCommand, parseDecimal } from './parse';
import { makeConfig } from './test-support';

const compiled = compileConfig(
  makeConfig([
    { name: 'cutoff', aliases: ['cut', 'filter'], address: '/cv/cutoff' },
    { name: 'gate', type: 'gate', address: '/cv/gate' },
    { name: 'trig', type: 'trigger', address: '/cv/trig' },
    { name: 'pitch', type: 'pitch', address: '/cv/pitch', scale: 'minor', root: 'A' },
  ]),
);

const parse = (text: string) => {
  const r = parseCommand(text, compiled);
  return {
    reason: r.reason,
    kind: r.kind,
    variable: r.variable?.name ?? null,
    value: r.value,
    relative: r.relative,
  };
};

describe('parseCommand: the command forms', () => {
  it('reads an absolute value', () => {
    expect(parse('!cutoff 70')).toMatchObject({
      reason: null,
      kind: 'set',
      variable: 'cutoff',
      value: 70,
      relative: false,
    });
  });

  it('reads relative values: a leading sign means relative', () => {
    expect(parse('!cutoff +10')).toMatchObject({ reason: null, value: 10, relative: true });
    expect(parse('!cutoff -5')).toMatchObject({ reason: null, value: -5, relative: true });
  });

  it('matches names and aliases case-insensitively', () => {
    expect(parse('!CutOff 1').variable).toBe('cutoff');
    expect(parse('!CUT 1').variable).toBe('cutoff');
    expect(parse('!filter 1').variable).toBe('cutoff');
  });

  it('reads gate words in any case, as the range ends', () => {
    for (const on of ['on', 'ON', '1', 'true', 'True'])
      expect(parse(`!gate ${on}`)).toMatchObject({ reason: null, value: 1 });
    for (const off of ['off', 'Off', '0', 'false', 'FALSE'])
      expect(parse(`!gate ${off}`)).toMatchObject({ reason: null, value: 0 });
    expect(parse('!gate maybe').reason).toBe('bad_value');
    expect(parse('!gate 0.5').reason).toBe('bad_value');
    expect(parse('!gate').reason).toBe('bad_value');
  });

  it('fires a trigger with no value and refuses a value', () => {
    expect(parse('!trig')).toMatchObject({ reason: null, variable: 'trig', value: 1 });
    expect(parse('!trig 1').reason).toBe('bad_value');
  });

  it('reads pitch as note names or MIDI numbers', () => {
    expect(parse('!pitch C#3').value).toBe(49);
    expect(parse('!pitch Bb2').value).toBe(46);
    expect(parse('!pitch c4').value).toBe(60);
    expect(parse('!pitch C-1').value).toBe(0);
    expect(parse('!pitch 61')).toMatchObject({ reason: null, value: 61, relative: false });
    expect(parse('!pitch +2')).toMatchObject({ reason: null, value: 2, relative: true });
    expect(parse('!pitch H2').reason).toBe('bad_value');
    expect(parse('!pitch C10').reason).toBe('bad_value');
  });

  it('reads !cv and the moderator verbs', () => {
    expect(parse('!cv')).toMatchObject({ reason: null, kind: 'list' });
    expect(parse('!CV')).toMatchObject({ reason: null, kind: 'list' });
    expect(parse('!panic')).toMatchObject({ reason: null, kind: 'panic' });
    expect(parse('!resume')).toMatchObject({ reason: null, kind: 'resume' });
    expect(parse('!lock cutoff')).toMatchObject({ reason: null, kind: 'lock', variable: 'cutoff' });
    expect(parse('!unlock CUT')).toMatchObject({ reason: null, kind: 'unlock', variable: 'cutoff' });
    expect(parse('!reset gate')).toMatchObject({ reason: null, kind: 'reset', variable: 'gate' });
  });

  it('refuses verbs with a missing, unknown or extra argument', () => {
    expect(parse('!lock').reason).toBe('bad_value');
    expect(parse('!lock nothing')).toMatchObject({ reason: 'unknown_variable', kind: 'lock' });
    expect(parse('!reset cutoff gate').reason).toBe('bad_value');
    expect(parse('!panic now').reason).toBe('bad_value');
    expect(parse('!cv cutoff').reason).toBe('bad_value');
  });

  it('tolerates surrounding and repeated spaces', () => {
    expect(parse('   !cutoff    70   ')).toMatchObject({ reason: null, value: 70 });
  });
});

describe('parseCommand: refusals', () => {
  it('ignores text that is not a command', () => {
    for (const t of [
      'hello',
      'cutoff 70',
      'hi !cutoff 70',
      '',
      '   ',
      '!',
      '! cutoff 70',
      '!!!',
      '!5',
      '?cutoff 5',
    ])
      expect(parse(t).reason, t).toBe('not_a_command');
  });

  it('refuses unknown variables', () => {
    expect(parse('!resonance 5')).toMatchObject({ reason: 'unknown_variable', variable: null });
    expect(parse('!cutoff70').reason).toBe('unknown_variable');
  });

  it('refuses every malformed number the issue lists as bad_value', () => {
    const bad = [
      'NaN',
      'nan',
      'Infinity',
      '-Infinity',
      '1e999',
      '1e2',
      '0x10',
      '--5',
      '+-5',
      '-+5',
      '1,5',
      '5abc',
      '.',
      '+',
      '-',
      '1.2.3',
      '٣',
      '9'.repeat(400),
      '5_0',
      '0b1',
      '1 2',
    ];
    for (const value of bad) expect(parse(`!cutoff ${value}`).reason, value).toBe('bad_value');
  });

  it('refuses an empty value where one is required', () => {
    expect(parse('!cutoff').reason).toBe('bad_value');
    expect(parse('!cutoff   ').reason).toBe('bad_value');
    expect(parse('!pitch').reason).toBe('bad_value');
  });

  it('accepts the strict decimal forms .5 and 5. and leading zeros', () => {
    expect(parse('!cutoff .5').value).toBe(0.5);
    expect(parse('!cutoff 5.').value).toBe(5);
    expect(parse('!cutoff 007').value).toBe(7);
    expect(parse('!cutoff -.5')).toMatchObject({ value: -0.5, relative: true });
  });

  it('refuses trailing words after the value: one command per message', () => {
    expect(parse('!cutoff 70 please').reason).toBe('bad_value');
    expect(parse('!cutoff 70 !gate on').reason).toBe('bad_value');
  });

  it('refuses messages over 500 characters before looking at them', () => {
    expect(parse(`!cutoff 70 ${'x'.repeat(490)}`).reason).toBe('too_long');
    expect(parse('!cutoff 7' + '0'.repeat(492)).reason).toBe('too_long'); // 501 chars
    // 500 characters is still looked at: 7e491 overflows to Infinity, which is a bad value, not a long one.
    expect(parse('!cutoff 7' + '0'.repeat(491)).reason).toBe('bad_value');
  });

  it('counts characters as Twitch does: an emoji is one character', () => {
    const emoji = '😀'; // two UTF-16 code units
    const text = `!cutoff 70 ${emoji.repeat(200)}`; // 211 characters, 411 code units
    expect(parse(text).reason).toBe('bad_value');
    expect(parse(`!cutoff 70${emoji.repeat(300)}`).reason).toBe('bad_value'); // 310 characters, 610 units
    expect(parse(emoji.repeat(501)).reason).toBe('too_long');
  });
});

describe('parseCommand: normalisation of what chat clients add', () => {
  const variants: Array<[string, string]> = [
    ['combining grapheme joiner (U+034F)', '!cutoff 70 \u034F'],
    ['tag character (U+E0000)', '!cutoff 70 \u{E0000}'],
    ['tag block (U+E007F)', '!cutoff 70\u{E007F}'],
    ['zero-width space (U+200B)', '!cutoff 70\u200B'],
    ['zero-width space inside', '!cut\u200Boff 7\u200B0'],
    ['right-to-left mark (U+200F)', '\u200F!cutoff 70'],
    ['left-to-right mark (U+200E)', '!cutoff\u200E 70'],
    ['bidi embedding (U+202B..U+202C)', '\u202B!cutoff 70\u202C'],
    ['bidi isolate (U+2066..U+2069)', '\u2066!cutoff 70\u2069'],
    ['word joiner (U+2060)', '!cutoff\u2060 70'],
    ['BOM (U+FEFF)', '\uFEFF!cutoff 70'],
    ['full-width text and ideographic space', '！ｃｕｔｏｆｆ\u3000７０'],
    ['full-width digits only', '!cutoff ７０'],
    ['tab and no-break space', '!cutoff\t\u00A070'],
    ['newline', '!cutoff\n70'],
  ];
  for (const [label, text] of variants) {
    it(`reads "!cutoff 70" through ${label}`, () => {
      expect(parse(text)).toMatchObject({ reason: null, variable: 'cutoff', value: 70 });
    });
  }

  it('reads a full-width sign as relative', () => {
    expect(parse('!cutoff ＋１０')).toMatchObject({ reason: null, value: 10, relative: true });
  });

  it('does not let a control character join two words', () => {
    expect(parse('!cutoff 7\u00000').reason).toBe('bad_value');
  });

  it('leaves other scripts alone: they are just not valid values', () => {
    expect(parse('!cutoff 七十').reason).toBe('bad_value');
    expect(parse('!cütoff 70').reason).toBe('unknown_variable');
  });
});

describe('parseDecimal', () => {
  it('follows /^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$/ exactly', () => {
    const re = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
    for (const s of [
      '0',
      '12',
      '-3',
      '+4',
      '1.',
      '.5',
      '-.5',
      '1.25',
      '',
      '.',
      '-',
      '+.',
      'e',
      '1e3',
      '1..2',
      ' 1',
      '1 ',
    ]) {
      const n = parseDecimal(s, 0, s.length);
      if (re.test(s)) expect(n, s).toBe(Number(s));
      else expect(n, s).toBeNaN();
    }
  });
});
