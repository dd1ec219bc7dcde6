// The engine as the desktop app runs it: config in the user's data folder (created from the example on first
// run), no HTTP server (the window talks through IPC). Used by electron/main; no Electron import here.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigFileError, readConfigFile } from './configFile';
import { startHeadless, type Headless } from './compose';
import type { ContractHost } from '../../../shared/contract';
import { firstRunConfig } from './exampleConfig';

export interface DesktopEngine extends ContractHost {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createDesktopEngine(opts: {
  dataDir: string;
  configPath: string;
  log?: (line: string) => void;
}): Promise<DesktopEngine> {
  const log = opts.log ?? ((line: string) => console.log(line));
  mkdirSync(path.dirname(opts.configPath), { recursive: true });
  if (!existsSync(opts.configPath)) {
    writeFileSync(opts.configPath, JSON.stringify(firstRunConfig(), null, 2) + '\n');
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
    writeFileSync(opts.configPath, JSON.stringify(firstRunConfig(), null, 2) + '\n');
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
