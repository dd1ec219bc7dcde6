// Adapts the engine's composition root (electron/core, plain Node) to what the shell needs. The config file
// is read and validated here, so a bad file stops start-up with its field errors instead of half-starting.
import { startHeadless } from '../core/engine/compose';
import { readConfigFile } from '../core/engine/configFile';
import type { CreateEngine } from './types';

export const createEngine: CreateEngine = async ({ dataDir, configPath }) => {
  const config = readConfigFile(configPath);
  // startHeadless starts the engine (and joins the config's channels, if any) before it resolves.
  const running = await startHeadless({
    config,
    configPath,
    dataDir,
    log: (line) => console.log(`[engine] ${line}`),
  });
  const { engine } = running;
  return {
    start: async () => {},
    stop: () => running.stop(),
    handle: (name, input) => engine.handle(name, input),
    subscribe: (listener) => engine.subscribe(listener),
  };
};
