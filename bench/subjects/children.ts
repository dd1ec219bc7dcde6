// Every child process the bench starts is tracked here and killed when the bench exits for any reason
// (normal end, an exception, Ctrl+C, SIGTERM), so a run never leaves an engine or a reference behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, rmSync } from 'node:fs';

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  // 'exit' handlers must be synchronous: SIGKILL whatever is still there.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping ${live.size} child process(es)`);
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

/** A scratch directory removed when the bench exits, however it exits (or earlier with `removeTempDir`). */
export function trackTempDir(dir: string): string {
  hookExit();
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  tempDirs.delete(dir);
  rmSync(dir, { recursive: true, force: true });
}

export interface TrackedChild {
  child: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or the signal's name) when the child exits. */
  exited: Promise<number | string>;
  /** The last lines it wrote to stdout/stderr, for error messages. */
  tail(): string;
  /** Waits for a stdout line matching `re`; rejects if the child exits first or time runs out. */
  waitForLine(re: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<number | string>;
}

export function spawnTracked(command: string, args: string[], cwd: string): TrackedChild {
  hookExit();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  live.add(child);
  const lines: string[] = [];
  const lineWaiters = new Set<(line: string) => void>();
  const keep = (chunk: Buffer): void => {
    if (process.env.BENCH_CHILD_LOG) appendFileSync(process.env.BENCH_CHILD_LOG, chunk);
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      for (const w of lineWaiters) w(line);
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', (err) => {
      live.delete(child);
      lines.push(`spawn failed: ${err.message}`);
      resolve('spawn-error');
    });
  });
  const tail = (): string => lines.slice(-12).join('\n');
  return {
    child,
    pid: child.pid ?? -1,
    exited,
    tail,
    waitForLine(re, timeoutMs) {
      for (const line of lines) {
        const m = re.exec(line);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const done = (fn: () => void): void => {
          clearTimeout(timer);
          lineWaiters.delete(onLine);
          fn();
        };
        const onLine = (line: string): void => {
          const m = re.exec(line);
          if (m) done(() => resolve(m));
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${tail()}`)),
            ),
          timeoutMs,
        );
        lineWaiters.add(onLine);
        void exited.then((code) =>
          done(() => reject(new Error(`exited (${code}) before ${re}; output:\n${tail()}`))),
        );
      });
    },
    async stop(graceMs = 5000) {
      if (!live.has(child)) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
