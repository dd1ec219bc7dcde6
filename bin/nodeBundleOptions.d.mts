import type { BuildOptions } from 'esbuild';

/** The esbuild options every Node bundle of this repository shares (see nodeBundleOptions.mjs). */
export function nodeBundleOptions(root: string): BuildOptions;
