import { describe, expect, it } from 'vitest';
import { compileConfig, type CompiledVariable } from './compile';
import { finalizeTarget, outputOf, quantizePitch, resolveTarget } from './shape';
import { makeConfig } from './test-support';

const variable = (v: Record<string, unknown>): CompiledVariable =>
  compileConfig(makeConfig([{ name: 'v', address: '/v', ...v }])).variables[0]!;

describe('resolveTarget: range', () => {
  const clampV = variable({ min: 0, max: 100 });
  const rejectV = variable({ min: 0, max: 100, outOfRange: 'reject' });

  it('clamps out-of-range values by default', () => {
    expect(resolveTarget(clampV, 150, false, 50)).toBe(100);
    expect(resolveTarget(clampV, -3, false, 50)).toBe(0);
  });

  it('refuses them (NaN) when the variable rejects', () => {
    expect(resolveTarget(rejectV, 150, false, 50)).toBeNaN();
    expect(resolveTarget(rejectV, 100, false, 50)).toBe(100);
  });

  it('applies relative values to the current target, then clamps or rejects', () => {
    expect(resolveTarget(clampV, 10, true, 50)).toBe(60);
    expect(resolveTarget(clampV, -5, true, 50)).toBe(45);
    expect(resolveTarget(clampV, 60, true, 50)).toBe(100);
    expect(resolveTarget(rejectV, 60, true, 50)).toBeNaN();
  });
});

describe('outputOf', () => {
  it('maps min..max linearly onto outMin..outMax', () => {
    const v = variable({ min: 0, max: 100, outMin: -5, outMax: 5 });
    expect(outputOf(v, 0)).toBe(-5);
    expect(outputOf(v, 50)).toBe(0);
    expect(outputOf(v, 100)).toBe(5);
  });

  it('follows outMin * (outMax/outMin)^t on an exp curve', () => {
    const v = variable({ min: 0, max: 100, outMin: 20, outMax: 20000, curve: 'exp' });
    expect(outputOf(v, 0)).toBeCloseTo(20, 9);
    expect(outputOf(v, 50)).toBeCloseTo(20 * Math.sqrt(1000), 9); // ≈ 632.46
    expect(outputOf(v, 100)).toBeCloseTo(20000, 6);
  });

  it('sends a gate as outMax (on) or outMin (off)', () => {
    const g = variable({ type: 'gate', outMin: 0, outMax: 5 });
    expect(outputOf(g, 1)).toBe(5);
    expect(outputOf(g, 0)).toBe(0);
  });

  it('sends pitch as 1 V/oct: (note - 60) / 12 * gain + offset', () => {
    const p = variable({ type: 'pitch', outMin: -10, outMax: 10, gain: 1.02, offset: 0.1 });
    expect(outputOf(p, 60)).toBeCloseTo(0.1);
    expect(outputOf(p, 72)).toBeCloseTo(1.02 + 0.1);
    expect(outputOf(p, 48)).toBeCloseTo(-1.02 + 0.1);
  });

  it('clamps into the output range as a last line, NaN included', () => {
    const p = variable({ type: 'pitch', outMin: -1, outMax: 1 });
    expect(outputOf(p, 36)).toBe(-1);
    expect(outputOf(p, 96)).toBe(1);
    expect(outputOf(p, 66)).toBe(0.5);
    const v = variable({ min: 0, max: 10 });
    expect(outputOf(v, NaN)).toBe(0);
    expect(outputOf(v, 1e308)).toBe(1);
  });
});

describe('pitch output range', () => {
  it('reads the schema default 0..1 as unset: 1 V/oct over the whole chat range', () => {
    const p = variable({ type: 'pitch' });
    expect([p.outLo, p.outHi]).toEqual([-5, 67 / 12]);
    expect(outputOf(p, 36)).toBe(-2);
    expect(outputOf(p, 73)).toBeCloseTo(13 / 12);
    const inverted = variable({ type: 'pitch', gain: -2, offset: 1, min: 48, max: 72 });
    expect([inverted.outLo, inverted.outHi]).toEqual([-1, 3]);
  });
});

describe('pitch quantization', () => {
  const aMinor = variable({ type: 'pitch', scale: 'minor', root: 'A', outMin: -10, outMax: 10 });

  it('keeps scale notes and moves others to the nearest one', () => {
    expect(quantizePitch(aMinor, 48)).toBe(48); // C3
    expect(quantizePitch(aMinor, 56)).toBe(55); // G#3 → G3 (tie between G and A goes down)
    expect(quantizePitch(aMinor, 56.6)).toBe(57); // nearer A3
  });

  it('sends a tie DOWN: C#3 in A minor is C3, not D3', () => {
    expect(resolveTarget(aMinor, 49, false, 60)).toBe(48);
  });

  it('moves a relative step at least one scale degree in its direction', () => {
    expect(resolveTarget(aMinor, 1, true, 48)).toBe(50); // C3 +1 → D3 (C#3 would round back to C3)
    expect(resolveTarget(aMinor, -1, true, 50)).toBe(48); // D3 -1 → C3
    expect(resolveTarget(aMinor, 12, true, 48)).toBe(60); // an octave
  });

  it('stays inside the configured range', () => {
    const narrow = variable({ type: 'pitch', scale: 'major', root: 'C', min: 61, max: 66, default: 62 });
    expect([...narrow.notes]).toEqual([62, 64, 65]);
    expect(finalizeTarget(narrow, 0)).toBe(62);
    expect(finalizeTarget(narrow, 127)).toBe(65);
  });
});

describe('finalizeTarget', () => {
  it('snaps gates to on/off at the midpoint', () => {
    const g = variable({ type: 'gate' });
    expect(finalizeTarget(g, 0.5)).toBe(1);
    expect(finalizeTarget(g, 0.49)).toBe(0);
  });

  it('falls back to the default for a non-finite number', () => {
    const v = variable({ min: 0, max: 100, default: 42 });
    expect(finalizeTarget(v, NaN)).toBe(42);
    expect(finalizeTarget(v, Infinity)).toBe(42);
  });
});
