// Value shaping: from what chat asked for to the target in the chat range, and from a target to the output
// value sent over OSC. Pure functions of a compiled variable.
//
//   range    an absolute or relative (applied to the current target) value outside min..max is clamped, or
//            refused as out_of_range when the variable says `outOfRange: "reject"`
//   gate     a target at or above the range's midpoint is on (outMax), below is off (outMin); an aggregated
//            gate (mean of on/off votes) is snapped the same way, so it is always exactly on or off
//   pitch    quantized to the nearest note of the scale inside min..max; a tie (a note exactly between two
//            scale notes, e.g. C#3 in A minor, between C3 and D3) goes DOWN (C3). A relative step always moves:
//            `!pitch +1` from C3 in A minor goes to D3 even though C#3 would round back to C3
//   output   continuous: min..max → outMin..outMax, linear or exp (outMin * (outMax/outMin)^t);
//            pitch: 1 V/oct, (note - 60) / 12 * gain + offset; then ALWAYS clamped into the output range,
//            NaN included, as the last line of defence between chat and a synth
import type { CompiledVariable } from './compile';

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Nearest allowed note (ties down); the clamped value itself when the range holds no scale note. */
export function quantizePitch(v: CompiledVariable, x: number): number {
  const notes = v.notes;
  if (notes.length === 0) return clamp(x, v.min, v.max);
  // First index whose note is >= x.
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (notes[m]! < x) lo = m + 1;
    else hi = m;
  }
  if (lo === 0) return notes[0]!;
  if (lo === notes.length) return notes[notes.length - 1]!;
  const above = notes[lo]!;
  const below = notes[lo - 1]!;
  return above - x < x - below ? above : below;
}

function nextNote(v: CompiledVariable, from: number, up: boolean): number {
  const notes = v.notes;
  if (up) {
    for (let i = 0; i < notes.length; i++) if (notes[i]! > from) return notes[i]!;
  } else {
    for (let i = notes.length - 1; i >= 0; i--) if (notes[i]! < from) return notes[i]!;
  }
  return from;
}

/** Bring any number (an aggregate, a restored value, a new config's range) to a valid target. */
export function finalizeTarget(v: CompiledVariable, x: number): number {
  if (!Number.isFinite(x)) return v.default;
  switch (v.type) {
    case 'gate':
    case 'trigger':
      return x >= v.mid ? v.max : v.min;
    case 'pitch':
      return quantizePitch(v, clamp(x, v.min, v.max));
    default:
      return clamp(x, v.min, v.max);
  }
}

/**
 * The target a chat value asks for, given the current target; NaN when it is out of range and the variable
 * rejects such values.
 */
export function resolveTarget(
  v: CompiledVariable,
  value: number,
  relative: boolean,
  current: number,
): number {
  const raw = relative ? current + value : value;
  if (!Number.isFinite(raw)) return NaN;
  if ((raw < v.min || raw > v.max) && v.rejectOutOfRange) return NaN;
  if (v.type !== 'pitch' || !relative || value === 0) return finalizeTarget(v, raw);
  const q = quantizePitch(v, clamp(raw, v.min, v.max));
  if (value > 0 && q <= current) return nextNote(v, current, true);
  if (value < 0 && q >= current) return nextNote(v, current, false);
  return q;
}

/** Output value for a target, always finite and inside outMin..outMax. */
export function outputOf(v: CompiledVariable, target: number): number {
  let y: number;
  switch (v.type) {
    case 'gate':
    case 'trigger':
      y = target >= v.mid ? v.outMax : v.outMin;
      break;
    case 'pitch':
      y = ((target - 60) / 12) * v.gain + v.offset;
      break;
    default: {
      const t = (target - v.min) / (v.max - v.min);
      y = v.exp ? v.outMin * Math.exp(t * v.expLogRatio) : v.outMin + t * (v.outMax - v.outMin);
    }
  }
  return safeOutput(v, y);
}

/** Clamp into the output range; NaN becomes the low end. */
export function safeOutput(v: CompiledVariable, y: number): number {
  if (!(y >= v.outLo)) return v.outLo;
  return y > v.outHi ? v.outHi : y;
}
