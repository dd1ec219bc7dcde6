// Worker-thread entry for the load sender. Worker threads do not inherit the main thread's tsx loader on
// Node 20, so this plain-JS file registers it before importing the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./senderWorker.ts');
