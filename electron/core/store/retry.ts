// Shared by the analytics sink and the state store: which failures are worth retrying, how long to wait,
// and how loudly to complain.
import { StoreError } from './dataDir';
import { messageOf } from './schema';

/** Failures caused by the data itself: retrying the same rows can never succeed. */
const PERMANENT = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE|ERROR)/;

/** Disk full, locked, I/O error, worker crash, worker cannot start...: the same write may work later. */
export function isRetryable(err: unknown): boolean {
  if (!(err instanceof StoreError)) return false; // e.g. a DataCloneError from postMessage
  return err.code === null || !PERMANENT.test(err.code);
}

export function asStoreError(err: unknown, path: string): StoreError {
  return err instanceof StoreError ? err : new StoreError(`${path}: ${messageOf(err)}`, path, err);
}

/** `done`, or `timeoutError()` if it takes longer than `timeoutMs` (no limit when undefined). */
export function withTimeout(
  done: Promise<void>,
  timeoutMs: number | undefined,
  timeoutError: () => Error,
): Promise<void> {
  if (timeoutMs === undefined) return done;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), timeoutMs);
    done.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

export class Backoff {
  private current: number;
  constructor(
    private readonly minMs = 100,
    private readonly maxMs = 5_000,
  ) {
    this.current = minMs;
  }
  next(): number {
    const d = this.current;
    this.current = Math.min(this.current * 2, this.maxMs);
    return d;
  }
  reset(): void {
    this.current = this.minMs;
  }
}

/** console.warn, at most once per `everyMs` (a full disk would otherwise print on every retry). */
export function throttledWarn(everyMs = 10_000): (err: StoreError) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < everyMs) {
      suppressed += 1;
      return;
    }
    last = now;
    const more = suppressed > 0 ? ` (${suppressed} similar problems not shown)` : '';
    suppressed = 0;
    console.warn(`[store] ${err.message}${more}`);
  };
}
