// The two reference scripts run compiled, like the engine (bin/twitch-cv.mjs runs its esbuild bundle): through
// tsx each would carry the TypeScript loader's thread, about 32 MB of RSS the engine no longer pays, and the
// RSS ratios would flatter the engine. Compiled once per bench run into out/bench/ (build output, gitignored),
// with dependencies left external so tmi.js, osc-js and ws load from node_modules exactly as a script's would.
import { build } from 'esbuild';
import path from 'node:path';

export interface CompiledReferences {
  peer: string;
  floor: string;
}

let compiled: Promise<CompiledReferences> | null = null;

export function compileReferences(repoRoot: string): Promise<CompiledReferences> {
  compiled ??= (async () => {
    const outdir = path.join(repoRoot, 'out', 'bench');
    await build({
      absWorkingDir: repoRoot,
      entryPoints: {
        'bare-tmi-osc': 'bench/reference/bare-tmi-osc.ts',
        'raw-forwarder': 'bench/reference/raw-forwarder.ts',
      },
      outdir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    return { peer: path.join(outdir, 'bare-tmi-osc.mjs'), floor: path.join(outdir, 'raw-forwarder.mjs') };
  })();
  return compiled;
}
