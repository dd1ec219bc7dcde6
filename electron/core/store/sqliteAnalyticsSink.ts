// The analytics trail. record() writes one row into an in-memory columnar batch (O(1), no I/O); a full batch
// or the batch timer seals it into a FIFO queue, and the queue is written one batch at a time by the store
// worker, one transaction per batch. A batch leaves the queue only when the worker says it is committed, so a
// dead worker or a failed write (full disk, locked file) costs a retry, not rows.
import type { CommandEvent } from '../../../shared/domain';
import type { AnalyticsSink } from '../ports';
import { StoreError } from './dataDir';
import {
  appendEvent,
  newBatch,
  takeRows,
  type ColumnBatch,
  type OutcomeCount,
  type RecentFilter,
} from './protocol';
import { asStoreError, Backoff, isRetryable, withTimeout } from './retry';
import type { StoreWorkerClient } from './storeClient';

export interface AnalyticsSinkOptions {
  /** Longest a row waits in memory before its batch is sent (config.analytics.batchMs). */
  batchMs?: number | undefined;
  /** A batch is sent as soon as it holds this many rows. */
  maxBatchRows?: number | undefined;
  /** Memory bound while the disk is unavailable: beyond it the oldest unwritten rows are dropped (counted). */
  maxPendingRows?: number | undefined;
  /** How long close() waits for the last rows before giving up on them. */
  closeTimeoutMs?: number | undefined;
  onError?: ((err: StoreError) => void) | undefined;
}

export interface AnalyticsStats {
  pendingRows: number;
  writtenRows: number;
  /** Failed write attempts and worker crashes (each is retried). */
  errors: number;
  /** Rows given up on: over maxPendingRows, or rejected by SQLite three times as malformed. */
  droppedRows: number;
  lastError: string | null;
}

interface QueuedBatch {
  seq: number;
  batch: ColumnBatch;
  attempts: number;
}

interface FlushWaiter {
  seq: number;
  resolve: () => void;
  reject: (err: StoreError) => void;
}

const MAX_QUERY_ROWS = 10_000;

export class SqliteAnalyticsSink implements AnalyticsSink {
  private readonly batchMs: number;
  private readonly maxBatchRows: number;
  private readonly maxPendingRows: number;
  private readonly closeTimeoutMs: number;
  private readonly onError: (err: StoreError) => void;
  private readonly batch: ColumnBatch;
  private readonly queue: QueuedBatch[] = [];
  private queuedRows = 0;
  private sealedSeq = 0;
  private waiters: FlushWaiter[] = [];
  private inFlight = false;
  private pumpScheduled = false;
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly backoff = new Backoff();
  private written = 0;
  private errors = 0;
  private dropped = 0;
  private lastError: string | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly client: StoreWorkerClient,
    options: AnalyticsSinkOptions = {},
  ) {
    this.batchMs = Math.max(1, options.batchMs ?? 250);
    this.maxBatchRows = Math.max(1, Math.floor(options.maxBatchRows ?? 2_000));
    this.maxPendingRows = Math.max(this.maxBatchRows, options.maxPendingRows ?? 250_000);
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.onError = options.onError ?? (() => {});
    this.batch = newBatch(this.maxBatchRows);
    client.retain();
  }

  /** Hot path. Never throws, never waits; after close() rows are counted as dropped. */
  record(event: CommandEvent): void {
    if (this.closing) {
      this.dropped += 1;
      return;
    }
    const b = this.batch;
    appendEvent(b, event);
    if (b.n === 1) {
      this.batchTimer = setTimeout(this.onBatchTimer, this.batchMs);
      this.batchTimer.unref();
    }
    // Sealing is O(1); the structured clone happens in the pump, after the current message is done.
    if (b.n >= this.maxBatchRows) this.seal(true);
  }

  /** Resolves when every row recorded before the call is committed (or dropped, see stats().droppedRows).
   *  With a timeout it rejects instead of waiting longer, and the rows stay queued. */
  flush(timeoutMs?: number): Promise<void> {
    this.seal(false);
    const seq = this.sealedSeq;
    if (this.settled(seq)) return Promise.resolve();
    if (this.client.isClosed) return Promise.reject(this.closedError());
    if (this.retryTimer) {
      // Someone is waiting (often shutdown): retry now rather than at the end of the backoff.
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.pump();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
    return withTimeout(done, timeoutMs, () => {
      const why = this.lastError ? `; last error: ${this.lastError}` : '';
      const rows = this.stats().pendingRows;
      return new StoreError(
        `${rows} analytics rows not written to ${this.client.dbPath} after ${timeoutMs} ms${why}`,
        this.client.dbPath,
      );
    });
  }

  stats(): AnalyticsStats {
    return {
      pendingRows: this.batch.n + this.queuedRows,
      writtenRows: this.written,
      errors: this.errors,
      droppedRows: this.dropped,
      lastError: this.lastError,
    };
  }

  /** Flushes (waiting at most closeTimeoutMs), then lets go of the worker. Never rejects: shutdown must finish. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  /** Newest committed rows first. Rows still in memory are not included: flush() first to see them. */
  recent(limit: number, filter: RecentFilter = {}): Promise<CommandEvent[]> {
    if (!Number.isFinite(limit) || limit < 1) {
      return Promise.reject(new RangeError(`recent(limit): limit must be a number >= 1, got ${limit}`));
    }
    if (filter.outcome !== undefined && filter.outcome !== 'accepted' && filter.outcome !== 'refused') {
      return Promise.reject(
        new RangeError(
          `recent(filter.outcome): must be "accepted" or "refused", got ${String(filter.outcome)}`,
        ),
      );
    }
    const clean: RecentFilter = {};
    if (filter.user?.trim()) clean.user = filter.user.trim().replace(/^@/, '');
    if (filter.variable?.trim()) clean.variable = filter.variable.trim().toLowerCase();
    if (filter.outcome) clean.outcome = filter.outcome;
    return this.client.request({
      kind: 'recent',
      limit: Math.min(Math.floor(limit), MAX_QUERY_ROWS),
      filter: clean,
    });
  }

  /** Committed rows with ts >= sinceMs, counted by outcome and reason, most frequent first. */
  counts(sinceMs: number): Promise<OutcomeCount[]> {
    if (!Number.isFinite(sinceMs)) {
      return Promise.reject(new RangeError(`counts(sinceMs): must be epoch milliseconds, got ${sinceMs}`));
    }
    return this.client.request({ kind: 'counts', sinceMs });
  }

  private readonly onBatchTimer = (): void => {
    this.batchTimer = null;
    this.seal(false);
    this.pump();
  };

  private seal(deferPump: boolean): void {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.batchTimer = null;
    }
    if (this.batch.n === 0) return;
    const batch = takeRows(this.batch); // the builder stays, emptied: no new buffers per batch
    this.queue.push({ seq: ++this.sealedSeq, batch, attempts: 0 });
    this.queuedRows += batch.n;
    this.enforceMemoryBound();
    if (!deferPump) return;
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Writes the head of the queue; one batch in flight keeps rows in order and the queue in one place. */
  private pump(): void {
    if (this.inFlight || this.retryTimer || this.queue.length === 0) return;
    const item = this.queue[0]!;
    this.inFlight = true;
    this.client.request({ kind: 'rows', batch: item.batch }).then(
      (rows) => {
        this.inFlight = false;
        this.backoff.reset();
        this.written += rows;
        this.remove(item);
        this.pump();
      },
      (err: unknown) => {
        this.inFlight = false;
        const e = asStoreError(err, this.client.dbPath);
        this.errors += 1;
        this.lastError = e.message;
        this.onError(e);
        item.attempts += 1;
        if (!isRetryable(err) && item.attempts >= 3) {
          this.dropped += item.batch.n;
          this.remove(item);
          this.pump();
          return;
        }
        // A closed store cannot come back; the rows stay counted as pending.
        if (this.client.isClosed) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.pump();
        }, this.backoff.next());
        this.retryTimer.unref();
      },
    );
  }

  private remove(item: QueuedBatch): void {
    const i = this.queue.indexOf(item);
    if (i < 0) return;
    this.queue.splice(i, 1);
    this.queuedRows -= item.batch.n;
    this.wakeWaiters();
  }

  /** Every batch up to `seq` has left the queue (the queue is ordered by seq). */
  private settled(seq: number): boolean {
    return this.queue.length === 0 || this.queue[0]!.seq > seq;
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: FlushWaiter[] = [];
    for (const w of this.waiters) {
      if (this.settled(w.seq)) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private enforceMemoryBound(): void {
    // Drop the oldest batches that are not being written right now; the newest rows are the most useful.
    while (this.queuedRows > this.maxPendingRows) {
      const victim = this.queue[this.inFlight ? 1 : 0];
      if (!victim) break;
      this.dropped += victim.batch.n;
      this.errors += 1;
      this.lastError = `analytics backlog over ${this.maxPendingRows} rows: dropped the oldest ${victim.batch.n}`;
      this.remove(victim);
    }
  }

  private async doClose(): Promise<void> {
    try {
      await this.flush(this.closeTimeoutMs);
    } catch (err) {
      this.onError(asStoreError(err, this.client.dbPath));
    }
    if (this.batchTimer) clearTimeout(this.batchTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.batchTimer = null;
    this.retryTimer = null;
    await this.client.release();
    // Whoever still waits would wait forever: tell them what was lost.
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.closedError());
  }

  private closedError(): StoreError {
    return new StoreError(
      `the store ${this.client.dbPath} is closed with ${this.stats().pendingRows} analytics rows unwritten`,
      this.client.dbPath,
      undefined,
      'STORE_CLOSED',
    );
  }
}
