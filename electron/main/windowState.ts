// Window position and size survive a restart, but a window is never restored onto a display that has since
// been unplugged: a streamer who moved the dashboard to a second screen must not get an invisible window.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 };
export const MIN_SIZE = { width: 800, height: 560 };
/** How much of the window (at least of its top edge, where the title bar is) must be on a display. */
const MIN_VISIBLE = { width: 120, height: 40 };

/** The saved state, or null when there is none, it is unreadable, or it would not be visible now. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  const state = asWindowState(raw);
  if (!state) return null;
  const bounds = {
    ...state.bounds,
    width: Math.max(state.bounds.width, MIN_SIZE.width),
    height: Math.max(state.bounds.height, MIN_SIZE.height),
  };
  if (!workAreas.some((area) => titleBarVisible(bounds, area))) return null;
  return { bounds, maximized: state.maximized };
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a half-written file. */
export function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  } catch (err) {
    console.warn('[window] could not save the window position:', err);
  }
}

function titleBarVisible(window: Rect, area: Rect): boolean {
  const titleBar = { x: window.x, y: window.y, width: window.width, height: MIN_VISIBLE.height };
  const overlapW = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
  const overlapH =
    Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
  return overlapW >= MIN_VISIBLE.width && overlapH >= MIN_VISIBLE.height;
}

function asWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as { bounds?: Partial<Rect>; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds;
  const numbers = [x, y, width, height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  if ((width as number) <= 0 || (height as number) <= 0) return null;
  return {
    bounds: { x: x as number, y: y as number, width: width as number, height: height as number },
    maximized: maximized === true,
  };
}
