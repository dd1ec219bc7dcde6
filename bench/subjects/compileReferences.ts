// The two reference scripts (and the dashboard client) run compiled, like the engine (bin/twitch-cv.mjs runs
// its esbuild bundle): through tsx each would carry the TypeScript loader's thread, about 32 MB of RSS the engine no longer pays, and the
// RSS ratios would flatter the engine. Compiled once per bench run into out/bench/ (build output, gitignored),
// with dependencies left external so tmi.js, osc-js and ws load from node_modules exactly as a script's would.
import { build } from 'esbuild';
import path from 'node:path';
import { nodeBundleOptions } from '../../bin/nodeBundleOptions.mjs';

export interface CompiledReferences {
  peer: string;
  floor: string;
  /** Not a subject: the dashboard client some scenarios attach to the engine (load/dashboardClient.ts). */
  dashboard: string;
}

let compiled: Promise<CompiledReferences> | null = null;

export function compileReferences(repoRoot: string): Promise<CompiledReferences> {
  compiled ??= (async () => {
    const outdir = path.join(repoRoot, 'out', 'bench');
    await build({
      ...nodeBundleOptions(repoRoot),
      entryPoints: {
        'bare-tmi-osc': 'bench/reference/bare-tmi-osc.ts',
        'raw-forwarder': 'bench/reference/raw-forwarder.ts',
        'dashboard-client': 'bench/load/dashboardClient.ts',
      },
      outdir,
    });
    return {
      peer: path.join(outdir, 'bare-tmi-osc.mjs'),
      floor: path.join(outdir, 'raw-forwarder.mjs'),
      dashboard: path.join(outdir, 'dashboard-client.mjs'),
    };
  })();
  return compiled;
}
