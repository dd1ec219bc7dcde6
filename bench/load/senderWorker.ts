// The load sender in its own thread: the fake Twitch server and the pacer get an event loop of their own, so
// the UDP receiver (main thread) and the sender never delay each other's timestamps.
import { parentPort, workerData } from 'node:worker_threads';
import { LoadSender } from './sender';
import { SeqTable, type SeqTableBuffers } from './seqTable';

interface Init {
  buffers: SeqTableBuffers;
  epochMs: number;
}
interface Call {
  id: number;
  method: 'start' | 'waitForJoin' | 'runPhase' | 'stop';
  args: unknown[];
}

const init = workerData as Init;
const sender = new LoadSender(SeqTable.attach(init.buffers), init.epochMs);
const port = parentPort!;

port.on('message', (call: Call) => {
  const fn = sender[call.method] as (...args: unknown[]) => Promise<unknown>;
  fn.apply(sender, call.args).then(
    (result) => port.postMessage({ id: call.id, result }),
    (err: Error) => port.postMessage({ id: call.id, error: err.message }),
  );
});
