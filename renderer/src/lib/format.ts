// Number formatting for numbers read from across the room: few digits, stable widths, units spelled out.
import { noteNameOf } from '../../../shared/music';
import type { VariableView } from '../../../shared/domain';

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return ms.toFixed(2);
  if (ms < 10) return ms.toFixed(1);
  return Math.round(ms).toString();
}

export function fmtRate(n: number): string {
  if (n >= 10_000) return `${(n / 1000).toFixed(1)}k`;
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(n >= 10 ? 0 : 1);
}

export function fmtPct(fraction: number): string {
  const p = fraction * 100;
  return p === 0 ? '0' : p < 10 ? p.toFixed(1) : Math.round(p).toString();
}

export function fmtCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function fmtLatencyUs(us: number): string {
  return us < 1000 ? `${Math.round(us)} µs` : `${(us / 1000).toFixed(1)} ms`;
}

export function fmtTime(ts: number): string {
  const d = new Date(ts);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export function fmtAgo(ts: number | null, now: number): string {
  if (ts === null) return 'never';
  const s = Math.max(0, Math.round((now - ts) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

/** A variable's value as a viewer would type it: note names for pitch, on/off for gates. */
export function fmtVariableValue(type: VariableView['type'], value: number): string {
  if (type === 'pitch') return noteNameOf(value);
  if (type === 'gate') return value >= 0.5 ? 'ON' : 'OFF';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

export function fmtOutput(value: number): string {
  return value.toFixed(3);
}
