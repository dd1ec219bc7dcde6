// Turning form text into config values, and config field errors into messages beside fields. Inputs are
// text, not type=number, so "abc" or "0x10" reaches us and gets a specific message instead of silently
// becoming empty.
import type { ConfigFieldError } from '../../../shared/config';

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export type ParsedNumber = { ok: true; value: number | undefined } | { ok: false; message: string };

/** '' is "not given" (undefined); anything else must be a plain finite decimal. */
export function parseNumberField(text: string): ParsedNumber {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  if (!DECIMAL.test(t)) return { ok: false, message: `"${t}" is not a number` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, message: 'number is too large' };
  return { ok: true, value };
}

export type FieldErrors = Record<string, string>;

/** First message per field path; `stripPrefix` removes a leading path (e.g. `variables.3.`) first. */
export function toFieldErrors(errors: ConfigFieldError[], stripPrefix?: RegExp): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const path = stripPrefix ? e.path.replace(stripPrefix, '') : e.path;
    if (!(path in out)) out[path] = e.message;
  }
  return out;
}

/** Field errors whose path is not one of `shown`: the form lists them at the top so none is lost. */
export function unplacedErrors(errors: FieldErrors, shown: Iterable<string>): string[] {
  const known = new Set(shown);
  return Object.entries(errors)
    .filter(([path]) => !known.has(path))
    .map(([path, message]) => (path && path !== '(root)' ? `${path}: ${message}` : message));
}
