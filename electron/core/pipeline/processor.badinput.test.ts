// The "Bad input" list, one test each, through the whole processor: refused with a specific reason,
// nothing written, nothing thrown. (Malformed IRC tags and IRCv3 escapes are parsed by the chat adapter; here
// we check what such lines can turn into by the time they reach the pipeline.)
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Role } from '../../../shared/domain';
import { CommandProcessor } from './processor';
import { chat, FakeClock, makeConfig, Outputs } from './test-support';

function setup() {
  const clock = new FakeClock();
  const out = new Outputs();
  const proc = new CommandProcessor(
    makeConfig([{ name: 'cutoff', address: '/cv/cutoff', default: 50 }]),
    clock,
  );
  const say = (text: string, userId = 'viewer') => proc.handle(chat(text, { userId }), out.write);
  return { clock, out, proc, say };
}

describe('bad input never reaches OSC', () => {
  it('a message over 500 characters → too_long', () => {
    const { out, say } = setup();
    expect(say(`!cutoff 70 ${'a'.repeat(600)}`)).toMatchObject({ outcome: 'refused', reason: 'too_long' });
    expect(say('!'.repeat(100_000)).reason).toBe('too_long');
    expect(out.writes).toEqual([]);
  });

  for (const value of ['NaN', 'Infinity', '1e999', '0x10', '--5']) {
    it(`!cutoff ${value} → bad_value`, () => {
      const { out, say } = setup();
      expect(say(`!cutoff ${value}`)).toEqual({
        outcome: 'refused',
        reason: 'bad_value',
        variable: 'cutoff',
        value: null,
      });
      expect(out.writes).toEqual([]);
    });
  }

  it('an empty value → bad_value', () => {
    const { out, say } = setup();
    expect(say('!cutoff').reason).toBe('bad_value');
    expect(say('!cutoff \u200B').reason).toBe('bad_value');
    expect(out.writes).toEqual([]);
  });

  it('an unknown variable → unknown_variable', () => {
    const { out, say } = setup();
    expect(say('!volume 5')).toEqual({
      outcome: 'refused',
      reason: 'unknown_variable',
      variable: null,
      value: null,
    });
    expect(out.writes).toEqual([]);
  });

  it('upper/lower case mixes are the same command', () => {
    const { out, say } = setup();
    expect(say('!CuToFf 70').outcome).toBe('accepted');
    expect(say('!CUTOFF 80').outcome).toBe('accepted');
    expect(out.of(0)).toEqual([0.7, 0.8]);
  });

  it('the invisible characters clients append to repeats (U+034F, U+E0000, U+200B) are ignored', () => {
    const { out, say } = setup();
    expect(say('!cutoff 70 \u034F', 'a').value).toBe(70);
    expect(say('!cutoff 71 \u{E0000}', 'b').value).toBe(71);
    expect(say('!cutoff 72\u200B', 'c').value).toBe(72);
    expect(out.of(0)).toEqual([0.7, 0.71, 0.72]);
  });

  it('full-width digits are read as digits', () => {
    const { say } = setup();
    expect(say('!cutoff ７０').value).toBe(70);
    expect(say('！ｃｕｔｏｆｆ\u3000６０').value).toBe(60);
  });

  it('right-to-left marks and overrides are ignored', () => {
    const { say } = setup();
    expect(say('\u200F!cutoff 70\u200F', 'a').value).toBe(70);
    expect(say('\u202E!cutoff 60\u202C', 'b').value).toBe(60);
  });

  it('a thousand messages per second from one user: capacity + refill accepted, the rest rate_limited', () => {
    const { clock, out, proc } = setup();
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      if (proc.handle(chat(`!cutoff ${i % 100}`, { userId: 'flood' }), out.write).outcome === 'accepted')
        accepted++;
      clock.advance(1);
    }
    expect(accepted).toBe(5); // default bucket: 5 at once, the 6th token arrives at t = 1000 ms
    expect(out.writes).toHaveLength(5);
  });

  it('what a malformed Twitch line can become: unknown role, missing text, empty user id', () => {
    const { out, proc } = setup();
    const broken = (over: Partial<ChatMessage>): ChatMessage => ({ ...chat('!cutoff 70'), ...over });
    expect(() => proc.handle(broken({ text: undefined as unknown as string }), out.write)).not.toThrow();
    expect(proc.handle(broken({ text: undefined as unknown as string }), out.write).reason).toBe(
      'not_a_command',
    );
    expect(proc.handle(broken({ text: '!panic', role: 'admin' as Role }), out.write).reason).toBe(
      'permission',
    );
    expect(proc.handle(broken({ userId: '' }), out.write).outcome).toBe('accepted');
    expect(proc.isPanic()).toBe(false);
  });

  it('IRCv3 escapes left in the text are just text: `\\s` is not a space', () => {
    const { out, say } = setup();
    expect(say('!cutoff\\s70').reason).toBe('unknown_variable');
    expect(say('!cutoff 70\\:').reason).toBe('bad_value');
    expect(say('!cutoff 7\\\\0').reason).toBe('bad_value');
    expect(out.writes).toEqual([]);
  });
});
