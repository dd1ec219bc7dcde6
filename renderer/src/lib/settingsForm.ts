// The settings form's draft and its conversion to an updateSettings patch, checked with the same config
// schema the engine uses (by applying the patch to the current config and validating the result).
import { parseConfig, type Config } from '../../../shared/config';
import type { SettingsPatch } from '../../../shared/contract';
import { parseNumberField, toFieldErrors, type FieldErrors } from './forms';

export interface SettingsDraft {
  prefix: string;
  osc: { host: string; port: string }[];
  oscRateHz: string;
  capacity: string;
  refillPerSec: string;
  globalPerSec: string;
  retentionDays: string;
  p95WarnMs: string;
  p95CritMs: string;
  /** Percent in the form; a fraction in the config. */
  errorRateWarnPct: string;
  errorRateCritPct: string;
  memoryWarnMb: string;
  memoryCritMb: string;
}

/** Field keys are the config's own dotted paths, so the engine's field errors land on the right input. */
export const SETTINGS_PATHS = {
  oscRateHz: 'oscRateHz',
  capacity: 'rateLimit.perUser.capacity',
  refillPerSec: 'rateLimit.perUser.refillPerSec',
  globalPerSec: 'rateLimit.global.perSec',
  retentionDays: 'analytics.retentionDays',
  p95WarnMs: 'alerts.p95WarnMs',
  p95CritMs: 'alerts.p95CritMs',
  errorRateWarnPct: 'alerts.errorRateWarn',
  errorRateCritPct: 'alerts.errorRateCrit',
  memoryWarnMb: 'alerts.memoryWarnMb',
  memoryCritMb: 'alerts.memoryCritMb',
} as const;
type NumericKey = keyof typeof SETTINGS_PATHS;

const pct = (f: number) => String(Math.round(f * 100 * 1000) / 1000);

export function settingsDraftOf(c: Config): SettingsDraft {
  return {
    prefix: c.prefix,
    osc: c.osc.map((t) => ({ host: t.host, port: String(t.port) })),
    oscRateHz: String(c.oscRateHz),
    capacity: String(c.rateLimit.perUser.capacity),
    refillPerSec: String(c.rateLimit.perUser.refillPerSec),
    globalPerSec: String(c.rateLimit.global.perSec),
    retentionDays: String(c.analytics.retentionDays),
    p95WarnMs: String(c.alerts.p95WarnMs),
    p95CritMs: String(c.alerts.p95CritMs),
    errorRateWarnPct: pct(c.alerts.errorRateWarn),
    errorRateCritPct: pct(c.alerts.errorRateCrit),
    memoryWarnMb: String(c.alerts.memoryWarnMb),
    memoryCritMb: String(c.alerts.memoryCritMb),
  };
}

export function settingsPatchOf(
  d: SettingsDraft,
  config: Config,
): { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const num = (key: NumericKey | string, text: string): number => {
    const parsed = parseNumberField(text);
    const path = key in SETTINGS_PATHS ? SETTINGS_PATHS[key as NumericKey] : key;
    if (!parsed.ok) errors[path] = parsed.message;
    else if (parsed.value === undefined) errors[path] = 'required';
    return parsed.ok && parsed.value !== undefined ? parsed.value : NaN;
  };
  const value = (key: NumericKey) => num(key, d[key]);
  const patch = {
    prefix: d.prefix,
    osc: d.osc.map((t, i) => ({ host: t.host.trim(), port: num(`osc.${i}.port`, t.port) })),
    oscRateHz: value('oscRateHz'),
    rateLimit: {
      perUser: { capacity: value('capacity'), refillPerSec: value('refillPerSec') },
      global: { perSec: value('globalPerSec') },
    },
    analytics: { retentionDays: value('retentionDays') },
    alerts: {
      p95WarnMs: value('p95WarnMs'),
      p95CritMs: value('p95CritMs'),
      errorRateWarn: value('errorRateWarnPct') / 100,
      errorRateCrit: value('errorRateCritPct') / 100,
      memoryWarnMb: value('memoryWarnMb'),
      memoryCritMb: value('memoryCritMb'),
    },
  } satisfies SettingsPatch;
  if (Object.keys(errors).length) return { ok: false, errors };

  // The same merge the engine does, validated by the same schema.
  const candidate = {
    ...config,
    ...patch,
    rateLimit: { ...config.rateLimit, ...patch.rateLimit },
    analytics: { ...config.analytics, ...patch.analytics },
  };
  const parsed = parseConfig(candidate);
  if (!parsed.ok) return { ok: false, errors: toFieldErrors(parsed.errors) };
  const a = patch.alerts;
  if (a.p95CritMs <= a.p95WarnMs) errors['alerts.p95CritMs'] = 'critical must be above warning';
  if (a.errorRateCrit <= a.errorRateWarn) errors['alerts.errorRateCrit'] = 'critical must be above warning';
  if (a.memoryCritMb <= a.memoryWarnMb) errors['alerts.memoryCritMb'] = 'critical must be above warning';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, patch };
}
