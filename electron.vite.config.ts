// electron-vite: main (electron/main/index.ts → out/main, plus the store worker), preload (electron/preload/index.ts → out/preload,
// CommonJS because a sandboxed preload cannot load ES modules), renderer (renderer/ → out/renderer).
// `npx electron-vite build` needs no Electron binary.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.renderer.config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      rollupOptions: {
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          // The analytics store's worker thread is its own file: workerEntry.ts looks for storeWorker.js
          // beside the main bundle.
          storeWorker: path.join(root, 'electron/core/store/storeWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // Sandboxed preloads get a tiny CommonJS loader: bundle zod and the contract in, emit .cjs.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rollupOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});
