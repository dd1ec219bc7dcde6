// Hot reload of the config file: a good edit is applied live; a bad one is reported with its field names and
// the last good config stays in force.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../shared/config';
import { ConfigFileError, readConfigFile } from '../engine/configFile';
import type { Engine } from '../engine/engine';

export function watchConfigFile(
  configPath: string,
  engine: Engine,
  withFlags: (config: Config) => Config,
  log: (line: string) => void,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  const reload = () => {
    timer = null;
    let next: Config;
    try {
      next = withFlags(readConfigFile(configPath));
    } catch (err) {
      const detail = err instanceof ConfigFileError ? err.message : (err as Error).message;
      log(`config reload refused, keeping the last good config. ${detail}`);
      return;
    }
    if (JSON.stringify(next) === JSON.stringify(engine.config)) return;
    void engine
      .reloadConfig(next)
      .then((r) => log(r.ok ? 'config reloaded' : `config reload refused: ${r.error}`));
  };
  try {
    // Watch the directory: editors replace the file (rename), which a file watch would lose.
    watcher = watch(path.dirname(configPath), (_event, name) => {
      if (name !== path.basename(configPath)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(reload, 200);
    });
  } catch (err) {
    log(`config: cannot watch ${configPath} for changes: ${(err as Error).message}`);
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
