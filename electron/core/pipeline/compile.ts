// Compile a Config once into the lookup tables the hot path reads: variables by lower-cased name and alias,
// ranges, output mapping constants and the allowed notes of a pitch variable. Nothing here runs per message.
import type { Config, ConfigFieldError, VariableConfig } from '../../../shared/config';
import { ROLE_RANK } from '../../../shared/domain';
import { SCALES, pitchClassOf, type ScaleName } from '../../../shared/music';
import { normaliseChat, isPlainAscii } from './normalize';

export type VariableType = VariableConfig['type'];

export interface CompiledVariable {
  readonly index: number;
  readonly name: string;
  readonly config: VariableConfig;
  readonly type: VariableType;
  /** Chat range. */
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Midpoint of the chat range: a gate's aggregated value at or above it means "on". */
  readonly mid: number;
  /** Output range as configured (may be inverted) and the safety clamp's sorted bounds (see outputBounds). */
  readonly outMin: number;
  readonly outMax: number;
  readonly outLo: number;
  readonly outHi: number;
  readonly exp: boolean;
  /** ln(outMax/outMin), so an exp curve is one Math.exp per value. */
  readonly expLogRatio: number;
  readonly permissionRank: number;
  readonly rejectOutOfRange: boolean;
  /** True when values are collected over windowMs (mean/median/vote); triggers always fire at once. */
  readonly windowed: boolean;
  readonly mode: VariableConfig['mode'];
  readonly windowMs: number;
  readonly cooldownMs: number;
  /** Zero for gates and triggers: a discrete signal is never ramped. */
  readonly slewMs: number;
  readonly pulseMs: number;
  readonly gain: number;
  readonly offset: number;
  /** Pitch only: the MIDI notes in the scale and inside min..max, ascending (empty for other types). */
  readonly notes: Int16Array;
}

export interface CompiledConfig {
  readonly config: Config;
  /** The prefix as chat text looks after normalisation (a full-width prefix is folded to ASCII). */
  readonly prefix: string;
  readonly variables: readonly CompiledVariable[];
  /** Lower-cased name and every alias → variable. */
  readonly byName: ReadonlyMap<string, CompiledVariable>;
  /** Slew step interval, from oscRateHz. */
  readonly stepMs: number;
}

/** Thrown by compileConfig when a config passes the schema but cannot be run by the pipeline. */
export class PipelineConfigError extends Error {
  constructor(readonly errors: ConfigFieldError[]) {
    super(`invalid config:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    this.name = 'PipelineConfigError';
  }
}

export function scaleNotes(scale: string, root: string, min: number, max: number): Int16Array {
  const degrees: readonly number[] = SCALES[scale as ScaleName] ?? SCALES.chromatic;
  const rootPc = pitchClassOf(root) ?? 0;
  const inScale = new Array<boolean>(12).fill(false);
  for (const d of degrees) inScale[(rootPc + d) % 12] = true;
  const notes: number[] = [];
  for (let n = Math.max(0, Math.ceil(min)); n <= Math.min(127, Math.floor(max)); n++) {
    if (inScale[n % 12]) notes.push(n);
  }
  return Int16Array.from(notes);
}

/** The safety clamp's bounds (the schema fills pitch's from 1 V/oct over min..max when left out). */
function outputBounds(v: VariableConfig): [number, number] {
  return [Math.min(v.outMin, v.outMax), Math.max(v.outMin, v.outMax)];
}

function compileVariable(v: VariableConfig, index: number): CompiledVariable {
  const discrete = v.type === 'gate' || v.type === 'trigger';
  const exp = v.curve === 'exp' && v.type === 'continuous' && v.outMin > 0 && v.outMax > 0;
  const [outLo, outHi] = outputBounds(v);
  return {
    index,
    name: v.name.toLowerCase(),
    config: v,
    type: v.type,
    min: v.min,
    max: v.max,
    default: v.default,
    mid: (v.min + v.max) / 2,
    outMin: v.outMin,
    outMax: v.outMax,
    outLo,
    outHi,
    exp,
    expLogRatio: exp ? Math.log(v.outMax / v.outMin) : 0,
    permissionRank: ROLE_RANK[v.permission],
    rejectOutOfRange: v.outOfRange === 'reject',
    windowed: v.mode !== 'last' && v.type !== 'trigger',
    mode: v.mode,
    windowMs: v.windowMs,
    cooldownMs: v.cooldownMs,
    slewMs: discrete ? 0 : v.slewMs,
    pulseMs: v.pulseMs,
    gain: v.gain,
    offset: v.offset,
    notes: v.type === 'pitch' ? scaleNotes(v.scale, v.root, v.min, v.max) : new Int16Array(0),
  };
}

/** Compile a parsed Config; throws PipelineConfigError for a prefix made only of invisible characters. */
export function compileConfig(config: Config): CompiledConfig {
  const errors: ConfigFieldError[] = [];
  const prefix = isPlainAscii(config.prefix) ? config.prefix : normaliseChat(config.prefix);
  if (prefix.length === 0)
    errors.push({ path: 'prefix', message: 'the prefix is made of invisible characters only' });
  if (errors.length > 0) throw new PipelineConfigError(errors);
  const variables = config.variables.map(compileVariable);
  const byName = new Map<string, CompiledVariable>();
  for (const cv of variables) {
    byName.set(cv.name, cv);
    for (const alias of cv.config.aliases) byName.set(alias.toLowerCase(), cv);
  }
  return { config, prefix, variables, byName, stepMs: 1000 / config.oscRateHz };
}
