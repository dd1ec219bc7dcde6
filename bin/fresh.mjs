// "Is this build output newer than every source it was made from?" for the bin scripts, which rebuild on
// demand so a fresh checkout and an edited one both just work.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestMtime(p) {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** True when `output` exists and no file under `sources` (paths relative to `root`) is newer. */
export function isFresh(root, output, sources) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return sources.every((s) => !existsSync(path.join(root, s)) || newestMtime(path.join(root, s)) <= built);
}
