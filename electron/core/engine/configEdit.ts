// Pure edits of a Config for the UI's forms. Each returns a fully re-validated config or field errors, so a bad
// edit never replaces the good config. Field paths are relative to what the form shows (`max`, `osc.0.port`).
import { parseConfig, type Config, type ConfigFieldError } from '../../../shared/config';
import type { SettingsPatch } from '../../../shared/contract';

export type EditResult =
  { ok: true; config: Config } | { ok: false; error: string; fieldErrors: ConfigFieldError[] };

function revalidate(candidate: unknown, stripPrefix: string | null): EditResult {
  const result = parseConfig(candidate);
  if (result.ok) return { ok: true, config: result.config };
  const fieldErrors = result.errors.map((e) => ({
    path: stripPrefix && e.path.startsWith(stripPrefix) ? e.path.slice(stripPrefix.length) : e.path,
    message: e.message,
  }));
  const first = fieldErrors[0]!;
  return { ok: false, error: `${first.path}: ${first.message}`, fieldErrors };
}

export function replaceVariable(config: Config, index: number | null, variable: unknown): EditResult {
  if (typeof variable !== 'object' || variable === null || Array.isArray(variable))
    return { ok: false, error: 'a variable must be an object', fieldErrors: [] };
  const variables: unknown[] = [...config.variables];
  let at: number;
  if (index === null) {
    at = variables.length;
    variables.push(variable);
  } else {
    if (index >= variables.length)
      return { ok: false, error: `there is no variable number ${index}`, fieldErrors: [] };
    at = index;
    variables[index] = variable;
  }
  return revalidate({ ...config, variables }, `variables.${at}.`);
}

export function removeVariable(config: Config, name: string): EditResult {
  const lower = name.toLowerCase();
  const variables = config.variables.filter((v) => v.name !== lower);
  if (variables.length === config.variables.length)
    return { ok: false, error: `unknown variable "${name}"`, fieldErrors: [] };
  return revalidate({ ...config, variables }, null);
}

export function applySettings(
  config: Config,
  patch: SettingsPatch,
  other: Partial<Pick<Config, 'channels'>> = {},
): EditResult {
  const candidate = {
    ...config,
    ...other,
    ...(patch.prefix !== undefined && { prefix: patch.prefix }),
    ...(patch.osc !== undefined && { osc: patch.osc }),
    ...(patch.oscRateHz !== undefined && { oscRateHz: patch.oscRateHz }),
    ...(patch.rateLimit !== undefined && { rateLimit: { ...config.rateLimit, ...patch.rateLimit } }),
    ...(patch.analytics !== undefined && { analytics: { ...config.analytics, ...patch.analytics } }),
    ...(patch.alerts !== undefined && { alerts: { ...config.alerts, ...patch.alerts } }),
  };
  return revalidate(candidate, null);
}
