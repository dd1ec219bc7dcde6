#!/usr/bin/env node
// `npm start`: open the desktop app. Where no Electron binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD, an
// offline machine), say so plainly and serve the same dashboard in the browser instead.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isFresh } from './fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** The electron package records its binary's path in path.txt only once the binary has been downloaded. */
function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH,
      process.platform === 'win32' ? 'electron.exe' : 'electron',
    );
    return existsSync(bin) ? bin : null;
  }
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const bin = electronBinary();
if (bin) {
  run(npx, ['electron-vite', 'build']);
  // Chromium refuses to start its sandbox as root on Linux; a root session (containers, CI boxes) needs the flag.
  const args = process.platform === 'linux' && process.getuid?.() === 0 ? ['.', '--no-sandbox'] : ['.'];
  const child = spawn(bin, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'No Electron binary is installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD or could not be\n' +
      'downloaded), so the desktop window cannot open. To get it: `npx install-electron` or reinstall with\n' +
      'internet access. Meanwhile the same dashboard is served in your browser.\n',
  );
  const rendererSources = ['renderer', 'shared', 'vite.renderer.config.ts', 'package-lock.json'];
  if (!isFresh(root, path.join(root, 'out', 'renderer', 'index.html'), rendererSources))
    run('npm', ['run', '--silent', 'build:renderer']);
  const config = process.env.TWITCH_CV_CONFIG ?? path.join(root, 'twitch-cv.config.json');
  const args = existsSync(config)
    ? ['run', '--config', config, '--http', '127.0.0.1:7373']
    : ['demo', '--http', '127.0.0.1:7373', '--quiet'];
  if (!existsSync(config))
    console.log(
      `No ${path.basename(config)} found: starting the demo (copy config.example.json to create one).\n`,
    );
  const child = spawn(process.execPath, [path.join(root, 'bin', 'twitch-cv.mjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
  child.on('exit', (code) => process.exit(code ?? 0));
}
