import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { MachineInfo } from '../results';

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.versions.node,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg(),
  };
}

/** `git rev-parse --short HEAD` (+ "+changes" if the engine's sources differ from it); null outside git. */
export function engineCommit(repoRoot: string): string | null {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, {
        cwd: repoRoot,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'electron', 'shared') ? `${head}+changes` : head;
  } catch {
    return null;
  }
}
