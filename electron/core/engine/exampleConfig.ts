// The example config shipped with the app: the demo's variables and the desktop app's first-run config.
// Imported (not read from disk) so it is bundled with the code wherever the code goes.
import example from '../../../config.example.json';

/** The example with no channel: nothing is read until the streamer types their channel and clicks Connect. */
export function firstRunConfig(): Record<string, unknown> {
  return { ...structuredClone(example), channels: [] };
}

export function exampleConfig(): Record<string, unknown> {
  return structuredClone(example);
}
