// The real engine (electron/core, plain Node) as the shell's CreateEngine. electron/core never imports
// electron, so this wiring lives on the shell's side of the boundary.
import { createDesktopEngine } from '../core/engine/desktop';
import type { CreateEngine } from './types';

export const createEngine: CreateEngine = (opts) =>
  createDesktopEngine({ ...opts, log: (line) => console.log(`[engine] ${line}`) });
