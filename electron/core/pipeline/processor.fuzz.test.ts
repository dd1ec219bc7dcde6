// Property tests: whatever chat sends, the processor never throws, never writes NaN or a value outside a
// variable's output range, and never accepts a value outside the variable's chat range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../shared/domain';
import { compileConfig } from './compile';
import { parseCommand } from './parse';
import { CommandProcessor } from './processor';
import { chat, FakeClock, makeConfig } from './test-support';

const config = makeConfig(
  [
    {
      name: 'cutoff',
      aliases: ['cut'],
      address: '/c',
      min: -50,
      max: 50,
      default: 0,
      outMin: -5,
      outMax: 5,
      slewMs: 40,
    },
    {
      name: 'freq',
      address: '/f',
      min: 0,
      max: 1,
      outMin: 20,
      outMax: 20000,
      curve: 'exp',
      outOfRange: 'reject',
    },
    { name: 'gate', type: 'gate', address: '/g', mode: 'mean', windowMs: 100 },
    { name: 'trig', type: 'trigger', address: '/t', pulseMs: 5 },
    {
      name: 'pitch',
      type: 'pitch',
      address: '/p',
      scale: 'blues',
      root: 'Eb',
      min: 36,
      max: 84,
      outMin: -2,
      outMax: 2,
      gain: 1.5,
      mode: 'median',
      windowMs: 60,
    },
    { name: 'vote', address: '/v', min: 0, max: 10, mode: 'vote', windowMs: 80, outMin: 1, outMax: 0 },
  ],
  { rateLimit: { perUser: { capacity: 50, refillPerSec: 100 }, global: { perSec: 100_000 } } },
);
const compiled = compileConfig(config);

const invisible = fc.constantFrom(
  '\u034F',
  '\u{E0000}',
  '\u{E0041}',
  '\u200B',
  '\u200F',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u3000',
  '\t',
  '\u00A0',
  '\u0000',
);
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const randomCase = (s: string, flips: number) =>
  [...s].map((c, i) => ((flips >> i) & 1 ? c.toUpperCase() : c)).join('');

/** Numbers in every notation chat might produce, valid or not. */
const numberText = fc.oneof(
  fc.double().map(String),
  fc.double({ noNaN: true }).map((d) => d.toExponential()),
  fc.integer().map(String),
  fc.integer({ min: -200, max: 200 }).map((n) => (n >= 0 ? `+${n}` : String(n))),
  fc.integer({ min: 0, max: 4096 }).map((n) => `0x${n.toString(16)}`),
  fc.float().map((f) => f.toFixed(3)),
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '--5',
    '+-5',
    '',
    '1,5',
    '5abc',
    '.5',
    '5.',
    '-.5',
    '0',
    '-0',
    '9'.repeat(320),
  ),
  fc.constantFrom('on', 'off', 'TRUE', 'false', 'C#3', 'Bb2', 'c-1', 'G9', 'H2', 'E♭4', 'F##3'),
);

const commandText = fc
  .tuple(
    fc.constantFrom(
      'cutoff',
      'cut',
      'freq',
      'gate',
      'trig',
      'pitch',
      'vote',
      'cv',
      'panic',
      'resume',
      'lock cutoff',
      'unlock cutoff',
      'reset vote',
      'nope',
    ),
    fc.integer({ min: 0, max: 255 }),
    numberText,
    fc.boolean(),
    fc.array(fc.tuple(fc.nat(), invisible), { maxLength: 3 }),
  )
  .map(([name, flips, value, wide, inserts]) => {
    let text = `!${randomCase(name, flips)} ${value}`;
    if (wide) text = fullWidth(text);
    for (const [at, ch] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + ch + text.slice(i);
    }
    return text;
  });

const anyText = fc.oneof(
  { weight: 4, arbitrary: commandText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `!${s}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `!cutoff ${s}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 700 }) },
);

const step = fc.record({
  text: anyText,
  user: fc.integer({ min: 0, max: 5 }),
  role: fc.constantFrom(...ROLES),
  advanceMs: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 50, noNaN: true })),
  tick: fc.boolean(),
});

describe('processor fuzz', () => {
  it('never throws, never writes outside the output range or NaN, never accepts outside min..max', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const clock = new FakeClock();
        const proc = new CommandProcessor(config, clock);
        const bad: string[] = [];
        const write = (index: number, value: number) => {
          const v = compiled.variables[index];
          if (v === undefined) bad.push(`write to unknown index ${index}`);
          else if (!Number.isFinite(value) || value < v.outLo || value > v.outHi)
            bad.push(`${v.name} wrote ${value} outside ${v.outLo}..${v.outHi}`);
        };
        for (const s of steps) {
          clock.advance(s.advanceMs);
          const d = proc.handle(chat(s.text, { userId: `u${s.user}`, role: s.role }), write);
          if (d.outcome === 'accepted' && d.value !== null) {
            const v = compiled.byName.get(d.variable ?? '');
            if (v === undefined || !(d.value >= v.min && d.value <= v.max))
              bad.push(`accepted ${d.value} for ${d.variable} from ${JSON.stringify(s.text)}`);
          }
          if ((d.outcome === 'accepted') !== (d.reason === null))
            bad.push(`inconsistent decision ${JSON.stringify(d)}`);
          if (s.tick) proc.tick(write);
        }
        clock.advance(1000);
        proc.tick(write);
        for (const view of proc.variables()) {
          if (!(view.value >= view.min && view.value <= view.max))
            bad.push(`${view.name} target ${view.value}`);
        }
        expect(bad).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('parseCommand never throws and only yields finite values for accepted commands', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseCommand(text, compiled);
        if (r.reason === null && r.kind === 'set') expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a command the same with or without the invisible characters clients append', () => {
    fc.assert(
      fc.property(commandText, invisible, (text, junk) => {
        if (junk === '\u0000' || junk === '\t' || junk === '\u3000' || junk === '\u00A0') return; // separators, not invisible
        const plain = parseCommand(text, compiled);
        const snapshot = {
          reason: plain.reason,
          kind: plain.kind,
          value: plain.value,
          v: plain.variable?.name,
        };
        const repeated = parseCommand(text + junk, compiled);
        expect({
          reason: repeated.reason,
          kind: repeated.kind,
          value: repeated.value,
          v: repeated.variable?.name,
        }).toEqual(snapshot);
      }),
      { numRuns: 1000 },
    );
  });
});
