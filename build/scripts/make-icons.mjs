#!/usr/bin/env node
// Draws the app and tray icons as PNG with no dependency: shapes are signed-distance functions, sampled
// 4x4 per pixel for anti-aliasing, encoded with node:zlib. Run `node build/scripts/make-icons.mjs` after
// changing the design; the PNGs are committed so packaging never needs this script.
//
// The design: a chat bubble (the audience) carrying a control-voltage wave (the synth), on Twitch purple.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// ---- shapes, in a unit square with y pointing down; negative distance = inside ----
function roundedBox(px, py, cx, cy, hw, hh, r) {
  const qx = Math.abs(px - cx) - hw + r;
  const qy = Math.abs(py - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segment(px, py, ax, ay, bx, by) {
  const abx = bx - ax,
    aby = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * abx + (py - ay) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(px - ax - t * abx, py - ay - t * aby);
}
function triangle(px, py, [ax, ay], [bx, by], [cx, cy]) {
  const edge = Math.min(
    segment(px, py, ax, ay, bx, by),
    segment(px, py, bx, by, cx, cy),
    segment(px, py, cx, cy, ax, ay),
  );
  const s1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  const s2 = (cx - bx) * (py - by) - (cy - by) * (px - bx);
  const s3 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx);
  const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  return inside ? -edge : edge;
}

const BUBBLE = { cx: 0.5, cy: 0.44, hw: 0.31, hh: 0.22, r: 0.09 };
const TAIL = [
  [0.33, 0.6],
  [0.27, 0.8],
  [0.5, 0.62],
];
// One and a half periods of a sine across the bubble: a CV sweeping under the audience's control.
const WAVE_X0 = 0.27,
  WAVE_X1 = 0.73,
  WAVE_AMP = 0.085,
  WAVE_POINTS = 240;
const wave = Array.from({ length: WAVE_POINTS + 1 }, (_, i) => {
  const x = WAVE_X0 + ((WAVE_X1 - WAVE_X0) * i) / WAVE_POINTS;
  return [x, BUBBLE.cy - WAVE_AMP * Math.sin((3 * Math.PI * (x - WAVE_X0)) / (WAVE_X1 - WAVE_X0))];
});
function waveDistance(px, py, halfWidth) {
  if (px < WAVE_X0 - halfWidth || px > WAVE_X1 + halfWidth) return Infinity;
  const step = (WAVE_X1 - WAVE_X0) / WAVE_POINTS;
  const centre = Math.round((px - WAVE_X0) / step);
  const reach = Math.ceil((halfWidth * 3) / step) + 1; // the steepest slope is about 1.7
  let best = Infinity;
  for (let i = Math.max(0, centre - reach); i < Math.min(WAVE_POINTS, centre + reach); i++) {
    const [ax, ay] = wave[i];
    const [bx, by] = wave[i + 1];
    best = Math.min(best, segment(px, py, ax, ay, bx, by));
  }
  return best - halfWidth;
}
const bubble = (x, y) =>
  Math.min(roundedBox(x, y, BUBBLE.cx, BUBBLE.cy, BUBBLE.hw, BUBBLE.hh, BUBBLE.r), triangle(x, y, ...TAIL));

// ---- designs: each maps a point to premultiplied-free RGBA in 0..1 ----
const PURPLE_TOP = [0x9b, 0x5c, 0xff],
  PURPLE_BOTTOM = [0x5b, 0x1f, 0xc2],
  WHITE = [0xff, 0xff, 0xff];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

/** The full-colour icon: purple tile, white bubble, purple wave. */
function colourIcon(x, y, strokeHalf) {
  if (roundedBox(x, y, 0.5, 0.5, 0.47, 0.47, 0.22) > 0) return null;
  const tile = mix(PURPLE_TOP, PURPLE_BOTTOM, y);
  if (bubble(x, y) > 0) return tile;
  return waveDistance(x, y, strokeHalf) <= 0 ? PURPLE_BOTTOM : WHITE;
}
/** macOS menu-bar template: an opaque bubble with the wave cut out; macOS tints it. */
function templateIcon(x, y, strokeHalf) {
  if (bubble(x, y) > 0 || waveDistance(x, y, strokeHalf) <= 0) return null;
  return [0, 0, 0];
}

function render(size, design, strokeHalf, margin = 0) {
  const SS = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          // Map the pixel into the unit square, optionally zoomed out by `margin` on each side.
          const u = ((px + (sx + 0.5) / SS) / size) * (1 + 2 * margin) - margin;
          const v = ((py + (sy + 0.5) / SS) / size) * (1 + 2 * margin) - margin;
          const c = design(u, v, strokeHalf);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

// ---- PNG ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outputs = [
  // electron-builder turns this into .icns (macOS), .ico (Windows) and the Linux icon set.
  ['icon.png', () => render(1024, colourIcon, 0.028)],
  ['app-icons/icon.png', () => render(256, colourIcon, 0.03)],
  // Small sizes get a thicker wave so it survives down-scaling.
  ['app-icons/tray.png', () => render(32, colourIcon, 0.045)],
  ['app-icons/tray@2x.png', () => render(64, colourIcon, 0.04)],
  ['app-icons/trayTemplate.png', () => render(16, templateIcon, 0.06, 0.02)],
  ['app-icons/trayTemplate@2x.png', () => render(32, templateIcon, 0.05, 0.02)],
];
for (const [name, draw] of outputs) {
  const file = join(buildDir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, draw());
  console.log(`wrote build/${name}`);
}
