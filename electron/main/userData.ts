// Where the desktop app keeps its files: <userData>/config.json (created on first run) and <userData>/data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstRunConfig } from '../core/engine/exampleConfig';

export interface UserDataPaths {
  configPath: string;
  dataDir: string;
  windowStateFile: string;
}

export function prepareUserData(userDataDir: string): UserDataPaths {
  const paths = {
    configPath: join(userDataDir, 'config.json'),
    dataDir: join(userDataDir, 'data'),
    windowStateFile: join(userDataDir, 'window-state.json'),
  };
  mkdirSync(paths.dataDir, { recursive: true });
  try {
    // 'wx' fails if the file exists: a config the streamer has edited is never overwritten.
    writeFileSync(paths.configPath, `${JSON.stringify(firstRunConfig(), null, 2)}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return paths;
}
