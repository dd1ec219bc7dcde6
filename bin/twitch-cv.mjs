#!/usr/bin/env node
// Entry point of the `twitch-cv` command. The engine is TypeScript; tsx compiles it on load (once, at start-up),
// so the command runs from a fresh `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/core/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
