// A small SVG line-chart writer (no dependency): axes with "nice" ticks, linear or log scales, several series,
// optional vertical markers (phase boundaries) and horizontal ones (targets). Output is a standalone SVG file
// that GitHub renders inline in Markdown.

export interface ChartSeries {
  name: string;
  color: string;
  /** [x, y]; a non-finite y (or y <= 0 on a log axis) breaks the line there. */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
  /** Draw a dot at every point (for sparse data such as one point per load step). */
  markers?: boolean;
  /** Dots only, no line (implies markers). */
  noLine?: boolean;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  xLog?: boolean;
  yLog?: boolean;
  width?: number;
  height?: number;
  vLines?: readonly { x: number; label?: string }[];
  hLines?: readonly { y: number; label: string }[];
}

const MARGIN = { left: 64, right: 16, top: 46, bottom: 48 };
const LEGEND_PER_ROW = 3;
const LEGEND_ROW = 16;

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** About `count` round tick values (1, 2, 5 × 10^k steps) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) max = min + 1;
  const raw = (max - min) / Math.max(1, count);
  // d3's rule: the 1-2-5 step nearest the raw step (in ratio), so short ranges still get enough ticks.
  const mag = 10 ** Math.floor(Math.log10(raw));
  const err = raw / mag;
  const step = (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1) * mag;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten (and 2× and 5× between them when the range is short) covering [min, max], min > 0. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return [];
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const mults = hi - lo <= 3 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e++)
    for (const m of mults) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= min * 0.999 && v <= max * 1.001) ticks.push(v);
    }
  return ticks;
}

export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1_000_000) return `${v / 1_000_000}M`;
  if (a >= 1000) return `${v / 1000}k`;
  if (a < 0.01) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

interface Axis {
  map(v: number): number;
  ticks: number[];
  ok(v: number): boolean;
}

function axis(values: number[], log: boolean, from: number, to: number): Axis {
  const ok = (v: number): boolean => Number.isFinite(v) && (!log || v > 0);
  const vs = values.filter(ok);
  let min = vs.length ? Math.min(...vs) : log ? 1 : 0;
  let max = vs.length ? Math.max(...vs) : log ? 10 : 1;
  if (log) {
    min = 10 ** Math.floor(Math.log10(min));
    max = 10 ** Math.ceil(Math.log10(max));
    if (max <= min) max = min * 10;
    const l0 = Math.log10(min);
    const l1 = Math.log10(max);
    return {
      ok,
      ticks: logTicks(min, max),
      map: (v) => from + ((Math.log10(v) - l0) / (l1 - l0)) * (to - from),
    };
  }
  if (min > 0 && min < max * 0.5) min = 0;
  const ticks = niceTicks(min, max);
  const lo = Math.min(min, ticks[0] ?? min);
  const hi = Math.max(max, ticks[ticks.length - 1] ?? max);
  const span = hi - lo || 1;
  return { ok, ticks, map: (v) => from + ((v - lo) / span) * (to - from) };
}

export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 760;
  const legendRows = Math.ceil(spec.series.length / LEGEND_PER_ROW);
  const height = (spec.height ?? 340) + legendRows * LEGEND_ROW;
  const x0 = MARGIN.left;
  const x1 = width - MARGIN.right;
  const y0 = height - MARGIN.bottom - legendRows * LEGEND_ROW;
  const y1 = MARGIN.top;
  const xs = spec.series
    .flatMap((s) => s.points.map((p) => p[0]))
    .concat((spec.vLines ?? []).map((v) => v.x));
  const ys = spec.series
    .flatMap((s) => s.points.map((p) => p[1]))
    .concat((spec.hLines ?? []).map((h) => h.y));
  const X = axis(xs, spec.xLog ?? false, x0, x1);
  const Y = axis(ys, spec.yLog ?? false, y0, y1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`,
  );
  for (const t of Y.ticks) {
    const y = Y.map(t).toFixed(1);
    out.push(`<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x0 - 6}" y="${y}" dy="4" text-anchor="end">${formatTick(t)}</text>`);
  }
  for (const t of X.ticks) {
    const x = X.map(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + 4}" stroke="#333"/>`);
    out.push(`<text x="${x}" y="${y0 + 16}" text-anchor="middle">${formatTick(t)}</text>`);
  }
  out.push(`<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#333"/>`);
  out.push(`<line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y1}" stroke="#333"/>`);
  out.push(`<text x="${(x0 + x1) / 2}" y="${y0 + 32}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  out.push(
    `<text transform="translate(14 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  );
  let lastLabelX = -Infinity;
  let lastLabelRow = 1;
  for (const v of spec.vLines ?? []) {
    if (!X.ok(v.x)) continue;
    const px = X.map(v.x);
    const x = px.toFixed(1);
    out.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}" stroke="#bbbbbb" stroke-dasharray="2 3"/>`);
    if (!v.label) continue;
    // Labels of close markers go on alternating rows so they do not print over each other.
    const row = px - lastLabelX < v.label.length * 5.5 ? 1 - lastLabelRow : 0;
    out.push(
      `<text x="${x}" y="${y1 - 3 - row * 10}" font-size="9" fill="#888">${escapeXml(v.label)}</text>`,
    );
    lastLabelX = px;
    lastLabelRow = row;
  }
  for (const h of spec.hLines ?? []) {
    if (!Y.ok(h.y)) continue;
    const y = Y.map(h.y).toFixed(1);
    out.push(`<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#d62728" stroke-dasharray="6 4"/>`);
    out.push(
      `<text x="${x1 - 4}" y="${y}" dy="-4" text-anchor="end" fill="#d62728">${escapeXml(h.label)}</text>`,
    );
  }
  for (const s of spec.series) {
    let d = '';
    let pen = false;
    const dots: string[] = [];
    for (const [px, py] of s.points) {
      if (!X.ok(px) || !Y.ok(py)) {
        pen = false;
        continue;
      }
      const x = X.map(px).toFixed(1);
      const y = Y.map(py).toFixed(1);
      d += `${pen ? 'L' : 'M'}${x} ${y} `;
      pen = true;
      if (s.markers || s.noLine) dots.push(`<circle cx="${x}" cy="${y}" r="3" fill="${s.color}"/>`);
    }
    if (d && !s.noLine)
      out.push(
        `<path d="${d.trim()}" fill="none" stroke="${s.color}" stroke-width="1.6"` +
          `${s.dashed ? ' stroke-dasharray="5 3"' : ''}><title>${escapeXml(s.name)}</title></path>`,
      );
    out.push(...dots);
  }
  spec.series.forEach((s, i) => {
    const lx = x0 + (i % LEGEND_PER_ROW) * 230;
    const ly = y0 + 50 + Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW;
    out.push(
      s.noLine
        ? `<circle cx="${lx + 11}" cy="${ly}" r="3" fill="${s.color}"/>`
        : `<line x1="${lx}" y1="${ly}" x2="${lx + 22}" y2="${ly}" stroke="${s.color}" stroke-width="2"` +
            `${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      `<text x="${lx + 28}" y="${ly}" dy="4">${escapeXml(s.name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
