// The one config schema (zod). The engine, the CLI, the UI's edit forms and the README all use it.
// Parsing never half-succeeds: either a complete, normalised Config comes out or a list of field errors.
import { z } from 'zod';
import { RESERVED_COMMAND_NAMES, ROLES } from './domain';
import { SCALE_NAMES, pitchClassOf } from './music';

const CHANNEL_RE = /^#?[A-Za-z0-9_]{2,25}$/;
export const channelName = z
  .string()
  .trim()
  .regex(CHANNEL_RE, 'a Twitch channel name is 2–25 letters, digits or underscores (no spaces)')
  .transform((s) => s.replace(/^#/, '').toLowerCase());

export const oscTarget = z.object({
  host: z.string().trim().min(1, 'host is required'),
  port: z
    .number()
    .int('port must be a whole number')
    .min(1, 'port must be 1–65535')
    .max(65535, 'port must be 1–65535'),
});
export type OscTarget = z.infer<typeof oscTarget>;

const identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'use 1–32 letters, digits or _ starting with a letter')
  .transform((s) => s.toLowerCase())
  .refine(
    (s) => !RESERVED_COMMAND_NAMES.includes(s),
    'is reserved for a chat command (panic, resume, lock, unlock, reset, cv)',
  );

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const variableInput = z.object({
  name: identifier,
  aliases: z.array(identifier).default([]),
  address: z
    .string()
    .regex(/^\/[^\s#*,?[\]{}]*$/, 'an OSC address starts with / and has no spaces or # * , ? [ ] { }'),
  type: z.enum(['continuous', 'gate', 'trigger', 'pitch']).default('continuous'),
  min: finite.optional(),
  max: finite.optional(),
  default: finite.optional(),
  /** Output range; defaults to 0..1, and for pitch to the 1 V/oct span of min..max. */
  outMin: finite.optional(),
  outMax: finite.optional(),
  curve: z.enum(['lin', 'exp']).default('lin'),
  slewMs: z.number().min(0).max(60_000).default(0),
  cooldownMs: z.number().min(0).max(3_600_000).default(0),
  permission: z.enum(ROLES).default('everyone'),
  outOfRange: z.enum(['clamp', 'reject']).default('clamp'),
  mode: z.enum(['last', 'mean', 'median', 'vote']).default('last'),
  windowMs: z.number().min(50).max(600_000).default(5_000),
  pulseMs: z.number().min(1).max(10_000).default(10),
  scale: z.enum(SCALE_NAMES as [string, ...string[]]).default('chromatic'),
  root: z
    .string()
    .default('C')
    .refine((r) => pitchClassOf(r) !== null, 'root must be a note name such as C, F# or Bb'),
  gain: finite.default(1),
  offset: finite.default(0),
});

/** Chat-range defaults by type, for fields a variable leaves out. */
const TYPE_RANGES = {
  continuous: { min: 0, max: 100 },
  gate: { min: 0, max: 1 },
  trigger: { min: 0, max: 1 },
  pitch: { min: 0, max: 127 },
} as const;

export const variableSchema = variableInput
  .transform((v) => {
    const range = TYPE_RANGES[v.type];
    const min = v.min ?? range.min;
    const max = v.max ?? range.max;
    const fallbackDefault = v.type === 'pitch' ? 60 : v.type === 'continuous' ? min : 0;
    // Pitch: the safety clamp must allow every note in range, so the output span follows from 1 V/oct.
    const volts = (note: number) => ((note - 60) / 12) * v.gain + v.offset;
    const outMin = v.outMin ?? (v.type === 'pitch' ? Math.min(volts(min), volts(max)) : 0);
    const outMax = v.outMax ?? (v.type === 'pitch' ? Math.max(volts(min), volts(max)) : 1);
    return { ...v, min, max, outMin, outMax, default: v.default ?? fallbackDefault };
  })
  .superRefine((v, ctx) => {
    if (!(v.min < v.max))
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be greater than min' });
    if (v.default < v.min || v.default > v.max)
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `default must lie within ${v.min}..${v.max}`,
      });
    if (v.curve === 'exp' && (v.outMin <= 0 || v.outMax <= 0))
      ctx.addIssue({
        code: 'custom',
        path: ['curve'],
        message: 'an exp curve needs outMin and outMax above 0',
      });
    if (v.type === 'pitch' && (v.min < 0 || v.max > 127))
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'a pitch range is in MIDI notes, 0..127' });
  });
export type VariableConfig = z.output<typeof variableSchema>;

export const configSchema = z
  .object({
    channels: z.array(channelName).default([]),
    prefix: z
      .string()
      .min(1, 'prefix must not be empty')
      .max(3, 'prefix is at most 3 characters')
      .refine((p) => !/\s/.test(p), 'prefix must not contain spaces')
      .default('!'),
    osc: z
      .union([oscTarget, z.array(oscTarget).min(1, 'at least one OSC target')])
      .default({ host: '127.0.0.1', port: 7400 })
      .transform((o) => (Array.isArray(o) ? o : [o])),
    oscRateHz: z.number().min(1).max(1000).default(100),
    /** The changes of one chat frame (lines that arrived together) go as one OSC bundle; false: one datagram each. */
    oscBundles: z.boolean().default(true),
    rateLimit: z
      .object({
        perUser: z
          .object({ capacity: z.number().min(1).default(5), refillPerSec: z.number().min(0).default(1) })
          .default({ capacity: 5, refillPerSec: 1 }),
        global: z.object({ perSec: z.number().min(1).default(500) }).default({ perSec: 500 }),
        /** Tracked users beyond this are swept oldest-first; bounds memory under a flood of new names. */
        maxTrackedUsers: z.number().int().min(100).default(100_000),
      })
      .default({
        perUser: { capacity: 5, refillPerSec: 1 },
        global: { perSec: 500 },
        maxTrackedUsers: 100_000,
      }),
    analytics: z
      .object({
        retentionDays: z.number().int().min(1).max(3650).default(30),
        batchMs: z.number().int().min(10).max(5_000).default(250),
      })
      .default({ retentionDays: 30, batchMs: 250 }),
    twitch: z
      .object({
        server: z.string().url().default('wss://irc-ws.chat.twitch.tv:443'),
        username: z.string().optional(),
        /** OAuth token (`oauth:...`); without one the engine joins read-only as an anonymous justinfan. */
        token: z.string().optional(),
      })
      .default({ server: 'wss://irc-ws.chat.twitch.tv:443' }),
    overload: z
      .object({
        /** Hard limit: a viewer's command that queued longer than this is refused as `overloaded`. */
        maxLagMs: z.number().min(1).default(50),
        /** While the engine is saturated, the queueing delay it holds accepted commands to. */
        targetLagMs: z.number().min(1).default(5),
        /** Hard memory cap from the capacity report: above it, non-moderators are shed. */
        memoryCapMb: z.number().min(64).default(500),
      })
      .default({ maxLagMs: 50, targetLagMs: 5, memoryCapMb: 500 }),
    /** Dashboard alert thresholds; defaults are the capacity report's. */
    alerts: z
      .object({
        p95WarnMs: z.number().positive().default(12),
        p95CritMs: z.number().positive().default(18),
        errorRateWarn: z.number().min(0).max(1).default(0.01),
        errorRateCrit: z.number().min(0).max(1).default(0.03),
        memoryWarnMb: z.number().positive().default(400),
        memoryCritMb: z.number().positive().default(480),
      })
      .default({
        p95WarnMs: 12,
        p95CritMs: 18,
        errorRateWarn: 0.01,
        errorRateCrit: 0.03,
        memoryWarnMb: 400,
        memoryCritMb: 480,
      }),
    variables: z.array(variableSchema).min(1, 'define at least one variable'),
  })
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.variables.forEach((v, i) => {
      for (const n of [v.name, ...v.aliases]) {
        const prev = seen.get(n);
        if (prev !== undefined && prev !== i)
          ctx.addIssue({
            code: 'custom',
            path: ['variables', i, 'name'],
            message: `"${n}" is already used by variables[${prev}]`,
          });
        seen.set(n, i);
      }
    });
  });

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;

/** One problem with a config, named by its dotted path (`variables.2.max`). */
export interface ConfigFieldError {
  path: string;
  message: string;
}

export type ConfigParseResult = { ok: true; config: Config } | { ok: false; errors: ConfigFieldError[] };

export function parseConfig(input: unknown): ConfigParseResult {
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(root)',
      message: i.message,
    })),
  };
}

export function formatConfigErrors(errors: ConfigFieldError[]): string {
  return errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
}
