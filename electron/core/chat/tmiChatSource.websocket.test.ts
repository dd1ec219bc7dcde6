// tmi.js uses `ws` in Node 20 but the global (undici) WebSocket in Node 22 and Electron. Node 20 has the
// global one behind --experimental-websocket, so the adapter is checked with both implementations here.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipBecause } from '../../../test/helpers/skip';

const probe = fileURLToPath(new URL('./testSupport/frameStampProbe.ts', import.meta.url));

function runProbe(
  nodeFlags: string[],
): Promise<{ socketImplementation: string; texts: string[]; arrivals: number[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', probe],
      { timeout: 20_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`probe failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
      },
    );
  });
}

const hasGlobalWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function';

async function expectFramesStamped(flags: string[], impl: string): Promise<void> {
  const result = await runProbe(flags);
  expect(result.socketImplementation).toBe(impl);
  expect(result.texts).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
  const [a, b, c, d] = result.arrivals;
  expect(a).toBe(b);
  expect(b).toBe(c);
  expect(d).toBeGreaterThan(a!);
}

describe('frame stamping with each WebSocket implementation', () => {
  // Where Node always has a global WebSocket (22+), tmi.js never picks `ws`, so there is nothing to check.
  it.skipIf(
    skipBecause(
      hasGlobalWebSocket,
      'this Node has a global WebSocket, so tmi.js never uses the ws package here',
    ),
  )('ws: chat arrives and one frame shares one arrival time', () => expectFramesStamped([], 'ws'));

  it('global WebSocket: chat arrives and one frame shares one arrival time', () =>
    expectFramesStamped(hasGlobalWebSocket ? [] : ['--experimental-websocket'], 'global WebSocket'));
});
