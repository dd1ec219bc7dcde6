#!/usr/bin/env node
// Compiles the engine's Node entry points (the twitch-cv command and the store's worker thread) into
// out/node/ with esbuild. Running the compiled bundle instead of TypeScript through tsx keeps the TypeScript
// loader out of the process and out of the worker thread: about 60 MB less resident memory, measured with
// `twitch-cv run` idle. Dependencies stay external (better-sqlite3 is native; the rest load from node_modules).
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBundleOptions } from './nodeBundleOptions.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(root, 'out', 'node');

const result = await build({
  ...nodeBundleOptions(root),
  write: false,
  entryPoints: {
    cli: 'electron/core/cli/main.ts',
    storeWorker: 'electron/core/store/storeWorker.ts',
  },
  outdir: OUT_DIR,
  sourcemap: 'linked',
});

// Several processes may start at once (tests, the bench): each writes beside the target and renames, so nobody
// ever imports half a file. cli.mjs goes last because its mtime is what marks the bundle as up to date.
mkdirSync(OUT_DIR, { recursive: true });
const files = [...result.outputFiles].sort(
  (a, b) => Number(a.path.endsWith('cli.mjs')) - Number(b.path.endsWith('cli.mjs')),
);
for (const file of files) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
