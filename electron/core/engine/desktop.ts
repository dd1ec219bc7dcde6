// The engine as the desktop app runs it: config in the user's data folder (created from the example on first
// run), no HTTP server (the window talks through IPC). Used by electron/main; no Electron import here.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigFileError, readConfigFile } from './configFile';
import { startHeadless, type Headless } from './compose';
import type { ContractHost } from '../../../shared/contract';

export interface DesktopEngine extends ContractHost {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The bundled example (repo root in development; copied next to the bundle by the build). */
function exampleConfigPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../../../config.example.json'),
    path.resolve(here, '../config.example.json'),
  ];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

export async function createDesktopEngine(opts: {
  dataDir: string;
  configPath: string;
  log?: (line: string) => void;
}): Promise<DesktopEngine> {
  const log = opts.log ?? ((line: string) => console.log(line));
  mkdirSync(path.dirname(opts.configPath), { recursive: true });
  if (!existsSync(opts.configPath)) {
    // First run: the example's variables, no channel yet (the streamer types it and clicks Connect).
    const example = JSON.parse(readFileSync(exampleConfigPath(), 'utf8')) as Record<string, unknown>;
    writeFileSync(opts.configPath, JSON.stringify({ ...example, channels: [] }, null, 2) + '\n');
  }
  let config;
  try {
    config = readConfigFile(opts.configPath);
  } catch (err) {
    if (!(err instanceof ConfigFileError)) throw err;
    // Never start half-configured, but never lose the streamer's file either: keep it aside and start fresh.
    const aside = `${opts.configPath}.invalid-${Date.now()}`;
    copyFileSync(opts.configPath, aside);
    log(`${err.message}\nKept the invalid file as ${aside}; starting with the example config.`);
    const example = JSON.parse(readFileSync(exampleConfigPath(), 'utf8')) as Record<string, unknown>;
    writeFileSync(opts.configPath, JSON.stringify({ ...example, channels: [] }, null, 2) + '\n');
    config = readConfigFile(opts.configPath);
  }
  const headless: Headless = await startHeadless({
    config,
    configPath: opts.configPath,
    dataDir: opts.dataDir,
    log,
  });
  const engine = headless.engine;
  let stopping: Promise<void> | null = null;
  return {
    handle: (name, input) => engine.handle(name, input),
    subscribe: (listener) => engine.subscribe(listener),
    // startHeadless already joined the saved channel (if any); nothing more to start.
    start: async () => {},
    stop: () => (stopping ??= headless.stop()),
  };
}
