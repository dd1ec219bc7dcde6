// `twitch-cv <command>`: run, demo, osc-monitor. Returns the process exit code.
import { UsageError } from './args';
import { runCommand } from './run';
import { demoCommand } from './demo';
import { oscMonitorCommand } from './oscMonitorCommand';

const USAGE = `Usage: twitch-cv <command> [flags]

Commands:
  run          Run the engine headless.
               --config <file.json> [--data-dir <dir>] [--channel <name>]... [--twitch-server <ws-url>]
               [--osc <host:port>]... [--http <host:port>] [--token <secret>]
  demo         Everything at once with no Twitch account and no synth: a fake Twitch chat with simulated
               viewers, the engine, and an OSC monitor printing what your patch would receive.
               [--viewers <n>] [--rate <commands/s>] [--http <host:port>] [--osc-port <p>] [--duration <s>] [--quiet]
  osc-monitor  Print every OSC message arriving on a UDP port, like oscdump.
               --port <p> [--host <addr>]

Run \`twitch-cv <command> --help\` for details. Docs: README.md`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'demo':
        return await demoCommand(rest);
      case 'osc-monitor':
        return await oscMonitorCommand(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        console.error(`twitch-cv: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`twitch-cv ${command}: ${err.message}`);
      return 2;
    }
    console.error(`twitch-cv ${command}: ${(err as Error).message}`);
    return 1;
  }
}
