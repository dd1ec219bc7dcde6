// `npm run bench -- [--quick] [--scenario <name>]... [--sender auto|worker|inline] [--max-lag-ms <ms>] [--out <dir>]`
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { SenderMode } from './load/senderHost';

export interface BenchArgs {
  quick: boolean;
  scenarios: string[] | null;
  /** Only these subjects (default: each scenario's own list). */
  subjects: string[] | null;
  sender: SenderMode;
  /** Overrides the engine's overload.maxLagMs (default: the config schema's default, i.e. what ships). */
  maxLagMs: number | null;
  /** Overrides the engine's overload.targetLagMs. */
  targetLagMs: number | null;
  outDir: string;
  /** Re-render the table, LATEST.md and charts from an earlier run's JSON instead of running. */
  fromJson: string | null;
  help: boolean;
  list: boolean;
}

export class BenchUsageError extends Error {}

export const USAGE = `npm run bench -- [options]
  --quick                 every scenario scaled down (about 3 minutes in all)
  --scenario <name>       run only this scenario (repeatable, or comma-separated); --list shows the names
  --subject <name>        only this subject: engine, peer or floor (repeatable; ratios need all three)
  --sender <mode>         where the load sender runs: auto (default), worker or inline
  --max-lag-ms <ms>       the engine's overload.maxLagMs for this run (default: the shipped default)
  --target-lag-ms <ms>    the engine's overload.targetLagMs for this run (default: the shipped default)
  --out <dir>             results directory (default: bench-results)
  --from-json <file>      re-render the table, LATEST.md and the charts from an earlier run's JSON
  --list                  list the scenarios and exit`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        scenario: { type: 'string', multiple: true },
        subject: { type: 'string', multiple: true },
        sender: { type: 'string', default: 'auto' },
        'max-lag-ms': { type: 'string' },
        'target-lag-ms': { type: 'string' },
        out: { type: 'string', default: 'bench-results' },
        'from-json': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        list: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw new BenchUsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const sender = values.sender;
  if (sender !== 'auto' && sender !== 'worker' && sender !== 'inline')
    throw new BenchUsageError(`--sender must be auto, worker or inline, got "${sender}"`);
  const maxLagMs = msFlag('--max-lag-ms', values['max-lag-ms']);
  const targetLagMs = msFlag('--target-lag-ms', values['target-lag-ms']);
  const scenarios = listOf(values.scenario);
  const subjects = listOf(values.subject);
  const badSubject = subjects?.find((s) => !['engine', 'peer', 'floor'].includes(s));
  if (badSubject) throw new BenchUsageError(`--subject must be engine, peer or floor, got "${badSubject}"`);
  return {
    quick: values.quick,
    scenarios,
    subjects,
    // Measured on this 2-core machine (LATEST.md, "Load sender"): a worker thread adds a third busy thread
    // and its latency tails were worse; with 4+ cores the worker keeps sender and receiver apart.
    sender: sender === 'auto' ? (os.availableParallelism() >= 4 ? 'worker' : 'inline') : sender,
    maxLagMs,
    targetLagMs,
    outDir: values.out,
    fromJson: values['from-json'] ?? null,
    help: values.help,
    list: values.list,
  };
}

/** Repeated and comma-separated values as one list; null when none were given. */
function listOf(values: string[] | undefined): string[] | null {
  const list = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return list.length > 0 ? list : null;
}

function msFlag(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 1)
    throw new BenchUsageError(`${flag} must be a number >= 1, got "${value}"`);
  return ms;
}
