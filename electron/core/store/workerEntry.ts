// Finds and starts the store worker for whichever way the engine is running:
//  - bundled (electron-vite) or compiled: a `storeWorker.js`/`.mjs`/`.cjs` beside this module's output, run as is;
//  - from source (node --import tsx, vitest): `storeWorker.ts`, loaded through tsx inside the worker.
// Why not `execArgv: ['--import', 'tsx']`: on Node 20 a worker ignores module hooks from --import and fails
// with "Unknown file extension .ts". tsx's tsImport() API works in a worker on Node 20 and 22, so the worker
// starts from a two-line bootstrap that calls it. tsx is resolved from this file, not from the cwd.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerEntry {
  url: URL;
  /** `native`: Node runs the file directly. `tsx`: TypeScript source, loaded through tsx. */
  mode: 'native' | 'tsx';
}

// .cjs for a bundler that emits CommonJS inside this "type": "module" package.
const COMPILED = ['storeWorker.js', 'storeWorker.mjs', 'storeWorker.cjs'];
const SOURCE = 'storeWorker.ts';

/** @param base the URL the worker file sits beside (this module's own URL unless overridden in tests). */
export function resolveWorkerEntry(base: string | URL = import.meta.url): WorkerEntry {
  for (const name of COMPILED) {
    const url = new URL(`./${name}`, base);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url, mode: 'native' };
  }
  const source = new URL(`./${SOURCE}`, base);
  if (source.protocol === 'file:' && existsSync(fileURLToPath(source))) return { url: source, mode: 'tsx' };
  const dir = new URL('.', base);
  throw new Error(
    `the store worker is missing: looked for ${[...COMPILED, SOURCE].join(', ')} in ${
      dir.protocol === 'file:' ? fileURLToPath(dir) : dir.href
    } (a bundled build must emit storeWorker.js beside the main bundle)`,
  );
}

export function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  if (entry.mode === 'native') return new Worker(entry.url, { workerData });
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApiUrl())})` +
    `.then((tsx) => tsx.tsImport(${JSON.stringify(entry.url.href)}, ${JSON.stringify(entry.url.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}

let cachedTsxApi: string | null = null;

/** The ESM entry of `tsx/esm/api`, read from tsx's own package exports. */
function tsxEsmApiUrl(): string {
  if (cachedTsxApi) return cachedTsxApi;
  const require = createRequire(import.meta.url);
  let pkgPath: string;
  try {
    pkgPath = require.resolve('tsx/package.json');
  } catch {
    throw new Error('the store worker runs from TypeScript source but tsx is not installed (npm install)');
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports?: Record<string, { import?: string | { default?: string } }>;
  };
  const spec = pkg.exports?.['./esm/api']?.import;
  const rel = typeof spec === 'string' ? spec : spec?.default;
  if (!rel)
    throw new Error(`tsx at ${path.dirname(pkgPath)} has no tsx/esm/api export (tsx >= 4.8 is needed)`);
  cachedTsxApi = pathToFileURL(path.join(path.dirname(pkgPath), rel)).href;
  return cachedTsxApi;
}
