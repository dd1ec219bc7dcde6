#!/usr/bin/env node
// Entry point of the `twitch-cv` command. It runs the engine compiled to out/node/ (bin/build-node.mjs),
// rebuilding it first whenever a source file is newer, so a fresh checkout and an edited one both just work.
// If the compiler is unavailable it falls back to running the TypeScript directly through tsx.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh } from './fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'node', 'cli.mjs');
const SOURCES = ['electron/core', 'shared', 'config.example.json', 'package-lock.json'];

const bundleIsFresh = () => isFresh(root, bundle, SOURCES);

let main;
if (!bundleIsFresh()) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'build-node.mjs')], { stdio: 'inherit' });
  if (r.status !== 0)
    console.error('twitch-cv: could not compile the engine; running it from TypeScript source');
}
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/core/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
