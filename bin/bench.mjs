#!/usr/bin/env node
// Entry point of `npm run bench`. The bench is TypeScript; tsx compiles it on load, like bin/twitch-cv.mjs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
const code = await main(process.argv.slice(2));
process.exit(typeof code === 'number' ? code : 0);
