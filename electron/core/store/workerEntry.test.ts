import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveWorkerEntry, startWorker } from './workerEntry';
import { Cleanup, tempDir } from './testSupport';

const cleanup = new Cleanup();
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
  await cleanup.run();
});

function firstMessage(w: Worker): Promise<unknown> {
  workers.push(w);
  return new Promise((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
}

const TS_WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
interface Echo { got: unknown; typed: number }
const answer: Echo = { got: workerData, typed: (40 as number) + 2 };
parentPort!.postMessage(answer);
`;

describe('resolveWorkerEntry', () => {
  it('finds the TypeScript source beside this module when nothing is compiled', () => {
    const entry = resolveWorkerEntry();
    expect(entry.mode).toBe('tsx');
    expect(entry.url.pathname.endsWith('/electron/core/store/storeWorker.ts')).toBe(true);
  });

  it('prefers a compiled storeWorker.js sibling (the bundled build)', async () => {
    const dir = cleanup.dir(await tempDir('twitch-cv-entry-'));
    await writeFile(path.join(dir, 'storeWorker.ts'), TS_WORKER);
    await writeFile(path.join(dir, 'storeWorker.js'), 'export {};');
    const entry = resolveWorkerEntry(pathToFileURL(path.join(dir, 'index.js')));
    expect(entry).toEqual({ url: pathToFileURL(path.join(dir, 'storeWorker.js')), mode: 'native' });
  });

  it('says where it looked when the worker file is missing', async () => {
    const dir = cleanup.dir(await tempDir('twitch-cv-entry-'));
    expect(() => resolveWorkerEntry(pathToFileURL(path.join(dir, 'index.js')))).toThrow(
      new RegExp(
        `store worker is missing: looked for storeWorker\\.js, storeWorker\\.mjs, storeWorker\\.cjs, storeWorker\\.ts in ${dir}`,
      ),
    );
  });
});

describe('startWorker', () => {
  it('runs a TypeScript worker through tsx, here under vitest', async () => {
    const dir = cleanup.dir(await tempDir('twitch-cv-entry-'));
    await writeFile(path.join(dir, 'storeWorker.ts'), TS_WORKER);
    const entry = resolveWorkerEntry(pathToFileURL(path.join(dir, 'index.js')));
    expect(entry.mode).toBe('tsx');
    expect(await firstMessage(startWorker(entry, { hello: 'ts' }))).toEqual({
      got: { hello: 'ts' },
      typed: 42,
    });
  });

  it('runs a compiled worker directly', async () => {
    const dir = cleanup.dir(await tempDir('twitch-cv-entry-'));
    await writeFile(
      path.join(dir, 'storeWorker.mjs'),
      "import { parentPort, workerData } from 'node:worker_threads'; parentPort.postMessage({ got: workerData });",
    );
    const entry = resolveWorkerEntry(pathToFileURL(path.join(dir, 'index.js')));
    expect(entry.mode).toBe('native');
    expect(await firstMessage(startWorker(entry, 7))).toEqual({ got: 7 });
  });
});
