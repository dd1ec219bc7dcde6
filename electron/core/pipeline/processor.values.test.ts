// End-to-end decisions and outputs: chat text in, OutputWriter calls out, time driven by a fake clock.
import { describe, expect, it } from 'vitest';
import { CommandProcessor } from './processor';
import { chat, FakeClock, makeConfig, Outputs } from './test-support';

function setup(variables: unknown[], extra: Record<string, unknown> = {}) {
  const clock = new FakeClock();
  const out = new Outputs();
  const proc = new CommandProcessor(makeConfig(variables, extra), clock);
  // Plenty of tokens unless a test is about limits.
  let n = 0;
  const say = (text: string, user: Parameters<typeof chat>[1] = {}) =>
    proc.handle(chat(text, { userId: `viewer${n++}`, ...user }), out.write);
  return { clock, out, proc, say };
}

describe('continuous values', () => {
  it('writes the mapped output at once and reports the accepted value', () => {
    const { out, say } = setup([
      { name: 'cutoff', address: '/cv/cutoff', min: 0, max: 100, outMin: 0, outMax: 1 },
    ]);
    expect(say('!cutoff 70')).toEqual({ outcome: 'accepted', reason: null, variable: 'cutoff', value: 70 });
    expect(out.writes).toEqual([[0, 0.7]]);
  });

  it('applies relative values to the current target', () => {
    const { out, proc, say } = setup([{ name: 'cutoff', address: '/c', default: 50 }]);
    expect(say('!cutoff +10').value).toBe(60);
    expect(say('!cutoff -25').value).toBe(35);
    expect(proc.variables()[0]!.value).toBe(35);
    expect(out.of(0)).toEqual([0.6, 0.35]);
  });

  it('clamps by default and reports the clamped value', () => {
    const { out, say } = setup([{ name: 'cutoff', address: '/c' }]);
    expect(say('!cutoff 250').value).toBe(100);
    expect(say('!cutoff -500').value).toBe(0);
    expect(out.of(0)).toEqual([1, 0]);
  });

  it('refuses out_of_range when the variable rejects, and sends nothing', () => {
    const { out, say } = setup([{ name: 'cutoff', address: '/c', outOfRange: 'reject', default: 50 }]);
    expect(say('!cutoff 101')).toEqual({
      outcome: 'refused',
      reason: 'out_of_range',
      variable: 'cutoff',
      value: null,
    });
    expect(say('!cutoff +51').reason).toBe('out_of_range');
    expect(say('!cutoff +50').value).toBe(100);
    expect(out.of(0)).toEqual([1]);
  });

  it('follows an exp curve: outMin * (outMax/outMin)^t', () => {
    const { out, say } = setup([{ name: 'freq', address: '/f', outMin: 20, outMax: 20000, curve: 'exp' }]);
    say('!freq 50');
    say('!freq 100');
    expect(out.of(0)[0]).toBeCloseTo(20 * 1000 ** 0.5, 9);
    expect(out.of(0)[1]).toBeCloseTo(20000, 6);
  });
});

describe('gates and triggers', () => {
  it('sends a gate as outMax on and outMin off', () => {
    const { out, say } = setup([{ name: 'gate', type: 'gate', address: '/g', outMin: 0, outMax: 5 }]);
    say('!gate on');
    say('!gate off');
    say('!gate TRUE');
    expect(out.of(0)).toEqual([5, 0, 5]);
  });

  it('pulses a trigger high for pulseMs, ended by tick()', () => {
    const { clock, out, proc, say } = setup([{ name: 'kick', type: 'trigger', address: '/k', pulseMs: 20 }]);
    expect(proc.needsTick()).toBe(false);
    expect(say('!kick')).toMatchObject({ outcome: 'accepted', variable: 'kick', value: 1 });
    expect(out.of(0)).toEqual([1]);
    expect(proc.needsTick()).toBe(true);
    clock.advance(19);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([1]);
    clock.advance(1);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([1, 0]);
    expect(proc.needsTick()).toBe(false);
    expect(proc.variables()[0]!.value).toBe(0);
  });

  it('restarts a pulse fired while high', () => {
    const { clock, out, proc, say } = setup([{ name: 'kick', type: 'trigger', address: '/k', pulseMs: 20 }]);
    say('!kick');
    clock.advance(15);
    say('!kick');
    clock.advance(15);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([1, 1]);
    clock.advance(5);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([1, 1, 0]);
  });
});

describe('pitch', () => {
  const pitch = {
    name: 'pitch',
    type: 'pitch',
    address: '/p',
    scale: 'minor',
    root: 'A',
    outMin: -10,
    outMax: 10,
  };

  it('takes note names and MIDI numbers, quantized to A minor (ties go down: C#3 → C3)', () => {
    const { out, say } = setup([pitch]);
    expect(say('!pitch C#3').value).toBe(48);
    expect(say('!pitch A4').value).toBe(69);
    expect(say('!pitch Bb2').value).toBe(45); // A#2 sits between A2 and B2: down to A2
    expect(say('!pitch 61').value).toBe(60); // C#4 → C4
    expect(out.of(0)).toEqual([-1, 0.75, -1.25, 0]);
  });

  it('outputs (note - 60) / 12 * gain + offset', () => {
    const { out, say } = setup([{ ...pitch, gain: 0.5, offset: 0.25 }]);
    say('!pitch C5');
    say('!pitch C3');
    expect(out.of(0)).toEqual([0.75, -0.25]);
  });

  it('steps relative values by at least one scale degree', () => {
    const { say } = setup([{ ...pitch, default: 48 }]);
    expect(say('!pitch +1').value).toBe(50);
    expect(say('!pitch +1').value).toBe(52);
    expect(say('!pitch -3').value).toBe(48); // 52 - 3 = 49 (C#3), a tie between C3 and D3: down to C3
  });
});

describe('slew', () => {
  it('ramps linearly from the current output to the target, reaching it at slewMs', () => {
    const { clock, out, proc, say } = setup([{ name: 'c', address: '/c', default: 0, slewMs: 100 }], {
      oscRateHz: 100,
    });
    say('!c 100');
    expect(out.writes).toEqual([]); // the ramp starts where the output is: nothing to send yet
    expect(proc.variables()[0]).toMatchObject({ value: 100, output: 0 });
    for (let i = 0; i < 10; i++) {
      clock.advance(10);
      proc.tick(out.write);
    }
    const values = out.of(0);
    expect(values).toHaveLength(10);
    values.forEach((v, i) => expect(v).toBeCloseTo((i + 1) / 10, 9));
    expect(values[9]).toBe(1);
    expect(proc.needsTick()).toBe(false);
  });

  it('restarts from the current output when a new target arrives mid-ramp', () => {
    const { clock, out, proc, say } = setup([{ name: 'c', address: '/c', default: 0, slewMs: 100 }]);
    say('!c 100');
    clock.advance(50);
    proc.tick(out.write);
    expect(out.last(0)).toBeCloseTo(0.5);
    say('!c 0'); // from 0.5 back to 0 over a fresh 100 ms
    clock.advance(50);
    proc.tick(out.write);
    expect(out.last(0)).toBeCloseTo(0.25);
    clock.advance(50);
    proc.tick(out.write);
    expect(out.last(0)).toBe(0);
    expect(proc.needsTick()).toBe(false);
  });

  it('never writes faster than oscRateHz however often tick() runs', () => {
    const { clock, out, proc, say } = setup([{ name: 'c', address: '/c', default: 0, slewMs: 1000 }], {
      oscRateHz: 20,
    });
    say('!c 100');
    for (let i = 0; i < 1000; i++) {
      clock.advance(1);
      proc.tick(out.write);
    }
    expect(out.of(0)).toHaveLength(20);
  });
});

describe('democracy windows', () => {
  const windowed = (mode: string) => ({ name: 'c', address: '/c', mode, windowMs: 1000, default: 0 });

  it('vote: collects over windowMs and applies the winner when tick() closes the window', () => {
    const { clock, out, proc, say } = setup([windowed('vote')]);
    expect(say('!c 70', { userId: 'a' })).toMatchObject({ outcome: 'accepted', value: 70 });
    say('!c 20', { userId: 'b' });
    say('!c 70', { userId: 'c' });
    expect(out.writes).toEqual([]);
    expect(proc.needsTick()).toBe(true);
    clock.advance(999);
    proc.tick(out.write);
    expect(out.writes).toEqual([]);
    clock.advance(1);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([0.7]);
    expect(proc.variables()[0]).toMatchObject({ value: 70, lastUser: 'name_c' });
    expect(proc.needsTick()).toBe(false);
  });

  it('vote: one vote per user, the later replacing the earlier; ties go to the most recent', () => {
    const { clock, out, proc, say } = setup([windowed('vote')]);
    say('!c 10', { userId: 'a' });
    say('!c 10', { userId: 'a' });
    say('!c 40', { userId: 'b' });
    say('!c 10', { userId: 'c' });
    say('!c 40', { userId: 'a' }); // a changes their mind: 10 has c, 40 has a and b
    clock.advance(1000);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([0.4]);
    say('!c 10', { userId: 'a' });
    say('!c 30', { userId: 'b' });
    clock.advance(1000);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([0.4, 0.3]);
  });

  it('mean and median', () => {
    const mean = setup([windowed('mean')]);
    for (const [u, v] of [
      ['a', 10],
      ['b', 20],
      ['c', 90],
    ] as const)
      mean.say(`!c ${v}`, { userId: u });
    mean.clock.advance(1000);
    mean.proc.tick(mean.out.write);
    expect(mean.out.of(0)).toEqual([0.4]);
    const median = setup([windowed('median')]);
    for (const [u, v] of [
      ['a', 10],
      ['b', 20],
      ['c', 90],
    ] as const)
      median.say(`!c ${v}`, { userId: u });
    median.clock.advance(1000);
    median.proc.tick(median.out.write);
    expect(median.out.of(0)).toEqual([0.2]);
  });

  it('closes a window whose tick came late before opening the next, so windows never merge', () => {
    const { clock, out, say } = setup([windowed('vote')]);
    say('!c 10', { userId: 'a' });
    clock.advance(1500); // no tick ran
    say('!c 90', { userId: 'b' });
    expect(out.of(0)).toEqual([0.1]);
  });

  it('resolves relative values against the applied target, and snaps a mean of notes onto the scale', () => {
    const { clock, out, proc, say } = setup([
      {
        name: 'p',
        type: 'pitch',
        address: '/p',
        scale: 'major',
        root: 'C',
        mode: 'mean',
        windowMs: 500,
        outMin: -10,
        outMax: 10,
      },
    ]);
    say('!p 60', { userId: 'a' });
    say('!p 65', { userId: 'b' }); // mean 62.5 → D4 (62) vs E4 (64): nearest is D4
    clock.advance(500);
    proc.tick(out.write);
    expect(proc.variables()[0]!.value).toBe(62);
    expect(out.of(0)).toEqual([2 / 12]);
  });
});

describe('setValue from the dashboard', () => {
  it('shapes like chat (clamp, quantize, slew) but ignores limits, locks and panic', () => {
    const { out, proc } = setup([{ name: 'c', address: '/c', permission: 'broadcaster' }]);
    proc.lock('c');
    proc.panic(out.write);
    out.clear();
    expect(proc.setValue('C', 150, out.write)).toEqual({
      outcome: 'accepted',
      reason: null,
      variable: 'c',
      value: 100,
    });
    expect(out.of(0)).toEqual([1]);
    expect(proc.variables()[0]!.lastUser).toBe('(dashboard)');
  });

  it('refuses unknown names, non-finite values and out-of-range values of rejecting variables', () => {
    const { out, proc } = setup([{ name: 'c', address: '/c', outOfRange: 'reject' }]);
    expect(proc.setValue('nope', 1, out.write).reason).toBe('unknown_variable');
    expect(proc.setValue('c', NaN, out.write).reason).toBe('bad_value');
    expect(proc.setValue('c', Infinity, out.write).reason).toBe('bad_value');
    expect(proc.setValue('c', 101, out.write).reason).toBe('out_of_range');
    expect(out.writes).toEqual([]);
  });

  it('fires a trigger', () => {
    const { out, proc } = setup([{ name: 't', type: 'trigger', address: '/t' }]);
    proc.setValue('t', 1, out.write);
    expect(out.of(0)).toEqual([1]);
    expect(proc.needsTick()).toBe(true);
  });
});
