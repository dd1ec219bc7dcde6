// The main thread's handle on the store worker, shared by the analytics sink and the state store.
// Requests are numbered messages answered by the worker. If the worker dies, every request in flight is
// rejected with code WORKER_EXIT and the next request starts a fresh worker: the callers keep their data and
// retry, so a crash of the worker costs time, not rows.
import type { Worker } from 'node:worker_threads';
import { StoreError } from './dataDir';
import { messageOf } from './schema';
import type { RequestBody, WorkerInit, WorkerReply, WorkerRequest, WorkerResults } from './protocol';
import { resolveWorkerEntry, startWorker, type WorkerEntry } from './workerEntry';

export interface StoreClientOptions extends WorkerInit {
  /** Where the worker file is; found next to this module by default (see workerEntry.ts). */
  entry?: WorkerEntry | undefined;
  /** How long close() lets the worker finish its current write and close the database cleanly. */
  closeTimeoutMs?: number | undefined;
  /** How long a new worker may take to open the database (tsx compiles it on first start). */
  startTimeoutMs?: number | undefined;
  onError?: ((err: StoreError) => void) | undefined;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: StoreError) => void;
}

export class StoreWorkerClient {
  readonly dbPath: string;
  /** Workers started after the first one (each follows a crash or a kill). */
  restarts = 0;
  private readonly options: StoreClientOptions;
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private starting = false;
  private spawned = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private users = 0;
  private closing: Promise<void> | null = null;
  private closed = false;

  constructor(options: StoreClientOptions) {
    this.options = options;
    this.dbPath = options.dbPath;
  }

  /** The live worker thread, if any (diagnostics and tests). */
  get currentWorker(): Worker | null {
    return this.worker;
  }

  get isClosed(): boolean {
    return this.closed || this.closing !== null;
  }

  /** Starts the worker and waits until it has opened the database. */
  start(): Promise<void> {
    return this.ensureWorker();
  }

  /** Later workers (after a crash) start with this retention, as the running one already does. */
  setRetentionDays(days: number): void {
    this.options.retentionDays = days;
  }

  /** Each user (analytics sink, state store) retains the client; the last release closes it. */
  retain(): void {
    this.users += 1;
  }

  release(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    return this.users === 0 ? this.close() : Promise.resolve();
  }

  request<K extends WorkerRequest['kind']>(body: RequestBody<K> & { kind: K }): Promise<WorkerResults[K]> {
    if (this.closed || (this.closing && body.kind !== 'close')) {
      return Promise.reject(
        new StoreError(`the store ${this.dbPath} is closed`, this.dbPath, undefined, 'STORE_CLOSED'),
      );
    }
    return this.ensureWorker().then(
      () =>
        new Promise<WorkerResults[K]>((resolve, reject) => {
          const worker = this.worker;
          if (!worker) {
            reject(this.exitError('stopped before the request was sent'));
            return;
          }
          const id = this.nextId++;
          this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          try {
            worker.postMessage({ ...body, id });
          } catch (err) {
            // Not cloneable: nothing was sent, so nothing will answer.
            this.pending.delete(id);
            reject(err);
            return;
          } finally {
            this.updateRef();
          }
        }),
    );
  }

  /** Closes the database cleanly in the worker (WAL checkpoint), then ends the thread. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    const worker = this.worker;
    let closedCleanly = worker === null;
    if (worker && this.ready) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.closeTimeoutMs ?? 5_000);
      });
      try {
        await Promise.race([
          this.ready.then(() => this.request({ kind: 'close' })).then(() => void (closedCleanly = true)),
          limit,
        ]);
      } catch {
        // The worker died or failed to start: there is no connection left to close.
        closedCleanly = this.worker === null;
      } finally {
        clearTimeout(timer);
      }
    }
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (!w) return;
    if (closedCleanly) {
      // The database is closed, so the thread is idle: ending it is safe.
      await w.terminate();
    } else {
      // Still inside SQLite after the timeout (a hung disk). Terminating now would abort the process
      // (better-sqlite3 #842), so let it go: unref-ed, it no longer keeps the process alive.
      w.unref();
      this.options.onError?.(
        new StoreError(
          `the store worker for ${this.dbPath} did not close in time; abandoning it`,
          this.dbPath,
        ),
      );
    }
  }

  private ensureWorker(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    // No new worker once closing has begun: there would be nothing for it to do but close again.
    if (this.closed || this.closing) {
      return Promise.reject(
        new StoreError(`the store ${this.dbPath} is closed`, this.dbPath, undefined, 'STORE_CLOSED'),
      );
    }
    this.ready = this.spawn();
    // Callers see the rejection through their own request; this keeps an unobserved one from being reported.
    this.ready.catch(() => {});
    return this.ready;
  }

  private spawn(): Promise<void> {
    const init: WorkerInit = {
      dbPath: this.options.dbPath,
      retentionDays: this.options.retentionDays,
      retentionIntervalMs: this.options.retentionIntervalMs,
    };
    let worker: Worker;
    try {
      worker = startWorker(this.options.entry ?? resolveWorkerEntry(), init);
    } catch (err) {
      return Promise.reject(new StoreError(messageOf(err), this.dbPath, err));
    }
    if (this.spawned++ > 0) this.restarts += 1;
    this.worker = worker;
    this.starting = true;
    this.updateRef();
    const timeoutMs = this.options.startTimeoutMs ?? 20_000;

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err: StoreError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.starting = false;
        this.updateRef();
        if (err) {
          this.gone(worker, err);
          void worker.terminate();
          reject(err);
        } else resolve();
      };
      const timer = setTimeout(
        () => settle(new StoreError(`the store worker did not start within ${timeoutMs} ms`, this.dbPath)),
        timeoutMs,
      );
      worker.on('message', (msg: WorkerReply) => {
        if (msg.kind === 'ready') settle(null);
        else if (msg.kind === 'fatal') settle(new StoreError(msg.error, this.dbPath));
        else this.answer(msg);
      });
      worker.on('error', (err) => {
        const e = this.exitError(messageOf(err));
        settle(e);
        this.gone(worker, e);
      });
      worker.on('exit', (code) => {
        const e = this.exitError(`exited with code ${code}`);
        settle(e);
        this.gone(worker, e);
      });
    });
  }

  private answer(msg: Extract<WorkerReply, { kind: 'result' }>): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    this.updateRef();
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new StoreError(`${this.dbPath}: ${msg.error}`, this.dbPath, undefined, msg.code));
  }

  /** Forget a worker that is gone and fail what it still owed; the next request starts a new one. */
  private gone(worker: Worker, err: StoreError): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.ready = null;
    const owed = [...this.pending.values()];
    this.pending.clear();
    for (const p of owed) p.reject(err);
    if (!this.closing) this.options.onError?.(err);
  }

  private exitError(detail: string): StoreError {
    return new StoreError(
      `the store worker for ${this.dbPath} stopped: ${detail}`,
      this.dbPath,
      undefined,
      'WORKER_EXIT',
    );
  }

  /** Keep the process alive only while the worker owes us something, so an idle store never blocks exit
   *  but a pending flush always completes. */
  private updateRef(): void {
    const w = this.worker;
    if (!w) return;
    if (this.starting || this.pending.size > 0) w.ref();
    else w.unref();
  }
}
