// The store in a real process: it must never keep a finished program alive, and it must finish writing
// before a program that awaits close() exits.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Cleanup, countRows, tempDir } from './testSupport';

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const openStoreUrl = new URL('./openStore.ts', import.meta.url).href;
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs a TypeScript snippet in a fresh Node process; resolves with its exit code (or 'timeout'). */
async function runScript(dir: string, body: string, timeoutMs = 20_000): Promise<number | 'timeout'> {
  const file = path.join(dir, 'script.mts'); // .mts: ESM (top-level await) without a package.json
  await writeFile(file, `import { openStore } from ${JSON.stringify(openStoreUrl)};\n${body}\n`);
  const child = spawn(process.execPath, ['--import', tsxLoader, file], { stdio: 'inherit' });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('timeout');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? -1);
    });
  });
}

const row = (i: number) =>
  `{ ts: Date.now(), channel: 'c', userId: '${i}', userName: 'u', variable: 'cutoff', raw: '!cutoff 1', value: 1, outcome: 'accepted', reason: null, latencyUs: 5 }`;

describe('store lifecycle in a real process', () => {
  it('lets a program that awaits close() exit with every row written', async () => {
    const dir = cleanup.dir(await tempDir());
    const code = await runScript(
      dir,
      `const store = await openStore(${JSON.stringify(dir)}, { batchMs: 5_000 });
       for (let i = 0; i < 5_000; i++) store.analytics.record(${row(0)});
       store.state.save({ values: { cutoff: 3 }, locked: [], panic: false, blockedUsers: [] });
       await store.close();`,
    );
    expect(code).toBe(0);
    expect(countRows(path.join(dir, 'twitch-cv.db'))).toBe(5_000);
  });

  it('does not keep an idle program alive (the worker is unref-ed when it owes nothing)', async () => {
    const dir = cleanup.dir(await tempDir());
    const code = await runScript(
      dir,
      `const store = await openStore(${JSON.stringify(dir)});
       store.analytics.record(${row(1)});
       await store.analytics.flush();
       // No close(): the program simply ends here.`,
    );
    expect(code).toBe(0);
    expect(countRows(path.join(dir, 'twitch-cv.db'))).toBe(1);
  });
});
