// The variable editor's draft: every field as the text the streamer typed, converted to the raw object
// the config schema validates, so the form reports exactly the errors the config file would.
import { variableSchema, type VariableConfig } from '../../../shared/config';
import { parseNumberField, toFieldErrors, type FieldErrors } from './forms';

export const NUMBER_FIELDS = [
  'min',
  'max',
  'default',
  'outMin',
  'outMax',
  'slewMs',
  'cooldownMs',
  'windowMs',
  'pulseMs',
  'gain',
  'offset',
] as const;
export const TEXT_FIELDS = ['name', 'aliases', 'address', 'root'] as const;
export const CHOICE_FIELDS = ['type', 'curve', 'permission', 'outOfRange', 'mode', 'scale'] as const;

type NumberField = (typeof NUMBER_FIELDS)[number];
type DraftKey = NumberField | (typeof TEXT_FIELDS)[number] | (typeof CHOICE_FIELDS)[number];
export type VariableDraft = Record<DraftKey, string>;

export function draftOf(v: VariableConfig | null): VariableDraft {
  const n = (x: number | undefined) => (x === undefined ? '' : String(x));
  return {
    name: v?.name ?? '',
    aliases: v?.aliases.join(', ') ?? '',
    address: v?.address ?? '/cv/',
    type: v?.type ?? 'continuous',
    min: n(v?.min),
    max: n(v?.max),
    default: n(v?.default),
    outMin: n(v?.outMin ?? 0),
    outMax: n(v?.outMax ?? 1),
    curve: v?.curve ?? 'lin',
    slewMs: n(v?.slewMs ?? 0),
    cooldownMs: n(v?.cooldownMs ?? 0),
    permission: v?.permission ?? 'everyone',
    outOfRange: v?.outOfRange ?? 'clamp',
    mode: v?.mode ?? 'last',
    windowMs: n(v?.windowMs ?? 5000),
    pulseMs: n(v?.pulseMs ?? 10),
    scale: v?.scale ?? 'chromatic',
    root: v?.root ?? 'C',
    gain: n(v?.gain ?? 1),
    offset: n(v?.offset ?? 0),
  };
}

/** The raw variable object for the engine, or field errors (number syntax first, then the schema's). */
export function rawVariableOf(
  d: VariableDraft,
): { ok: true; raw: Record<string, unknown> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const raw: Record<string, unknown> = {
    name: d.name,
    aliases: d.aliases
      .split(/[\s,]+/)
      .map((a) => a.trim())
      .filter(Boolean),
    address: d.address.trim(),
    type: d.type,
    curve: d.curve,
    permission: d.permission,
    outOfRange: d.outOfRange,
    mode: d.mode,
    scale: d.scale,
    root: d.root.trim(),
  };
  for (const field of NUMBER_FIELDS) {
    const parsed = parseNumberField(d[field]);
    if (!parsed.ok) errors[field] = parsed.message;
    else if (parsed.value !== undefined) raw[field] = parsed.value;
  }
  const checked = variableSchema.safeParse(raw);
  if (!checked.success) {
    const schemaErrors = toFieldErrors(
      checked.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
    for (const [k, v] of Object.entries(schemaErrors)) {
      const field = k.split('.')[0]!;
      if (!(field in errors)) errors[field] = v;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, raw };
}
