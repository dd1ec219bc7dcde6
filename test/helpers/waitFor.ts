// Waiting in tests without fixed sleeps: poll a condition, or wait for an event, always with a timeout
// whose error says what was being waited for.
import type { EventEmitter } from 'node:events';

export interface WaitOptions {
  /** Give up after this long (default 2000 ms). */
  timeoutMs?: number;
  /** Poll interval for conditions (default 5 ms). */
  intervalMs?: number;
  /** Describes the wait in the timeout error. */
  what?: string;
}

/**
 * Resolves with the condition's first truthy result (a value it returns, or `true`). A condition that throws
 * is treated as "not yet", and the last error is reported on timeout, so `expect(...)` calls work inside.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 2000, intervalMs = 5, what }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const result = await condition();
      if (result) return result as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (performance.now() >= deadline) {
      const detail = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what ?? 'condition'}${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves with the arguments of the first `event` for which `filter` (if given) returns true. */
export function waitForEvent<A extends unknown[] = unknown[]>(
  emitter: Pick<EventEmitter, 'on' | 'off'>,
  event: string,
  {
    timeoutMs = 2000,
    filter,
    what,
  }: { timeoutMs?: number; filter?: (...args: A) => boolean; what?: string } = {},
): Promise<A> {
  return new Promise((resolve, reject) => {
    const listener = (...args: unknown[]): void => {
      if (filter && !filter(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what ?? `event '${event}'`}`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}
