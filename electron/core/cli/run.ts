// `twitch-cv run`: the engine headless, until SIGINT/SIGTERM.
import os from 'node:os';
import path from 'node:path';
import { parseConfig, formatConfigErrors, type Config } from '../../../shared/config';
import { parseRunFlags, UsageError, type RunFlags } from './args';
import { ConfigFileError, readConfigFile } from '../engine/configFile';
import { startHeadless, type Headless } from '../engine/compose';
import { watchConfigFile } from './configWatch';
import { untilSignal } from './signals';

export function defaultDataDir(): string {
  return process.env.TWITCH_CV_DATA_DIR ?? path.join(os.homedir(), '.twitch-cv');
}

/** Flags override the file; the result is validated by the same schema, so a bad flag is named too. */
export function applyFlags(config: Config, flags: RunFlags): Config {
  const candidate = {
    ...config,
    ...(flags.channels.length > 0 && { channels: flags.channels }),
    ...(flags.osc.length > 0 && { osc: flags.osc }),
    ...(flags.twitchServer !== undefined && { twitch: { ...config.twitch, server: flags.twitchServer } }),
  };
  const result = parseConfig(candidate);
  if (!result.ok) throw new UsageError(`invalid flags:\n${formatConfigErrors(result.errors)}`);
  return result.config;
}

/**
 * Dashboard edits are saved to the config file, but values that came from flags stay as the file has them:
 * the flags decided them for this run only.
 */
function keepFlagsOutOfFile(edited: Config, configPath: string, flags: RunFlags): Config {
  const onDisk = readConfigFile(configPath);
  return {
    ...edited,
    ...(flags.channels.length > 0 && { channels: onDisk.channels }),
    ...(flags.osc.length > 0 && { osc: onDisk.osc }),
    ...(flags.twitchServer !== undefined && { twitch: { ...edited.twitch, server: onDisk.twitch.server } }),
  };
}

export async function runCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(
      'twitch-cv run --config <file.json> [--data-dir <dir>] [--channel <name>]... ' +
        '[--twitch-server <ws-url>] [--osc <host:port>]... [--http <host:port>] [--token <secret>]',
    );
    return 0;
  }
  const flags = parseRunFlags(argv);
  if (!flags.config) throw new UsageError('--config <file.json> is required (see README: "The config file")');
  const configPath = path.resolve(flags.config);
  let config: Config;
  try {
    config = applyFlags(readConfigFile(configPath), flags);
  } catch (err) {
    if (err instanceof ConfigFileError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const log = (line: string) => console.log(`[${new Date().toISOString()}] ${line}`);
  const headless: Headless = await startHeadless({
    config,
    configPath,
    toFile: (edited) => keepFlagsOutOfFile(edited, configPath, flags),
    dataDir: path.resolve(flags.dataDir ?? defaultDataDir()),
    http: flags.http,
    token: flags.token,
    log,
  });
  const targets = config.osc.map((t) => `${t.host}:${t.port}`).join(', ');
  log(
    `engine running: ${config.variables.length} variables, OSC to ${targets}, ` +
      `channels: ${config.channels.join(', ') || '(none yet)'}`,
  );
  if (headless.http) console.log(`HTTP listening on ${headless.http.url}`);
  const stopWatching = watchConfigFile(configPath, headless.engine, (c) => applyFlags(c, flags), log);

  const signal = await untilSignal();
  log(`${signal}: stopping chat, flushing, closing`);
  stopWatching();
  await headless.stop();
  log('stopped cleanly');
  return 0;
}
