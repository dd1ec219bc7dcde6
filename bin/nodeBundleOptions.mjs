// The esbuild options every Node bundle of this repository shares: the engine's (bin/build-node.mjs) and the
// bench's reference scripts (bench/subjects/compileReferences.ts), so both run the same kind of code: ESM for
// Node 20, dependencies external (better-sqlite3 is native; tmi.js, osc-js and ws load from node_modules as
// a streamer's own script would load them).

/** @param {string} root the repository root (esbuild's working directory) */
export function nodeBundleOptions(root) {
  return {
    absWorkingDir: root,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  };
}
