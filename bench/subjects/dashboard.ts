// An open dashboard during a scenario: the compiled load/dashboardClient.ts in its own process, connected to
// the engine's WebSocket bridge for the whole run, so the engine pays for its snapshots and live feed exactly
// as it does with the Electron window open.
import { spawnTracked, type TrackedChild } from './children';
import { compileReferences } from './compileReferences';

const READY_TIMEOUT_MS = 15_000;

/** What the dashboard received over the run. */
export interface DashboardReceived {
  messages: number;
  bytes: number;
  byEvent: Record<string, number>;
  /** The longest JSON.parse of one update in the client (a frame the dashboard would stall on). */
  maxParseMs: number;
}

export interface OpenDashboard {
  /** Stops the client and returns what it received. */
  close(): Promise<DashboardReceived>;
  /** Stops it without waiting for its summary (after a failure). */
  kill(): Promise<void>;
}

export async function openDashboard(repoRoot: string, engineHttpUrl: string): Promise<OpenDashboard> {
  const { dashboard } = await compileReferences(repoRoot);
  const bridgeUrl = `${engineHttpUrl.replace(/^http/, 'ws')}/bridge`;
  const child: TrackedChild = spawnTracked(process.execPath, [dashboard, bridgeUrl], repoRoot);
  try {
    await child.waitForLine(/^dashboard: ready$/, READY_TIMEOUT_MS);
  } catch (err) {
    await child.stop();
    throw new Error(`the dashboard client did not connect: ${(err as Error).message}\n${child.tail()}`, {
      cause: err,
    });
  }
  return {
    async close() {
      // The summary is printed on SIGTERM; 'exit' may come before the last stdout chunk is read, so wait
      // for stdout to close before looking for it.
      const stdout = child.child.stdout!;
      const stdoutClosed = stdout.closed
        ? Promise.resolve()
        : new Promise((resolve) => stdout.once('close', resolve));
      await child.stop();
      await stdoutClosed;
      const summary = /^dashboard: (\{.*\})$/m.exec(child.tail());
      if (!summary) throw new Error(`the dashboard client printed no summary:\n${child.tail()}`);
      return JSON.parse(summary[1]!) as DashboardReceived;
    },
    async kill() {
      await child.stop();
    },
  };
}
