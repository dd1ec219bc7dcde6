// One clock for the whole bench. The sender may run in a worker thread and the receiver in the main thread;
// performance.now() counts from each thread's own timeOrigin, so only timeOrigin + now() is comparable across
// threads. Times inside a run are whole microseconds since the run's epoch, small enough for a Uint32Array.

/** Epoch milliseconds with sub-millisecond precision, comparable across threads of this process. */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Microseconds since `epochMs` (at least 1, so 0 can mean "never" in the sequence table). */
export function microsSince(epochMs: number): number {
  const us = Math.round((epochNowMs() - epochMs) * 1000);
  return us > 0 ? us : 1;
}
