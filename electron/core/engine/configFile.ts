// Reading and writing the JSON config file. A file that does not parse names the bad field and changes nothing.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { parseConfig, formatConfigErrors, type Config, type ConfigFieldError } from '../../../shared/config';

export class ConfigFileError extends Error {
  constructor(
    readonly path: string,
    readonly fieldErrors: ConfigFieldError[],
    detail: string,
  ) {
    super(`config ${path} is not valid:\n${detail}`);
  }
}

/** Synchronous on purpose: called at start-up and on reload, never on the hot path. */
export function readConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigFileError(path, [], `  cannot read it: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigFileError(path, [], `  not valid JSON: ${(err as Error).message}`);
  }
  const result = parseConfig(json);
  if (!result.ok) throw new ConfigFileError(path, result.errors, formatConfigErrors(result.errors));
  return result.config;
}

/** Atomic replace (write a sibling, then rename) so a crash mid-write never leaves half a config. */
export async function writeConfigFile(path: string, config: Config): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(config, null, 2) + '\n', 'utf8');
  await rename(tmp, path);
}
