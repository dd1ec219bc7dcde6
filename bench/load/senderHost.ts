// Where the load sender runs: in a worker thread (default) or inline in the bench's main thread. Both expose
// the same SenderApi. The worker keeps the sender's ticks and the receiver's timestamps from delaying each
// other; `--sender inline` exists to measure what that buys (see LATEST.md).
import { Worker } from 'node:worker_threads';
import { LoadSender, type PhaseRequest, type PhaseSendResult, type SenderApi } from './sender';
import type { SeqTable } from './seqTable';

export type SenderMode = 'worker' | 'inline';

export function createSender(mode: SenderMode, table: SeqTable, epochMs: number): SenderApi {
  return mode === 'inline' ? new LoadSender(table, epochMs) : new WorkerSender(table, epochMs);
}

class WorkerSender implements SenderApi {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(table: SeqTable, epochMs: number) {
    this.worker = new Worker(new URL('./senderWorker.mjs', import.meta.url), {
      workerData: { buffers: table.buffers, epochMs },
    });
    this.worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result);
    });
    const fail = (err: Error): void => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the load sender thread exited (code ${code})`)));
  }

  private call<T>(method: keyof SenderApi, ...args: unknown[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, args });
    });
  }

  start(): Promise<{ url: string; port: number }> {
    return this.call('start');
  }

  waitForJoin(channel: string, timeoutMs: number): Promise<void> {
    return this.call('waitForJoin', channel, timeoutMs);
  }

  runPhase(phase: PhaseRequest): Promise<PhaseSendResult> {
    return this.call('runPhase', phase);
  }

  async stop(): Promise<void> {
    try {
      await this.call('stop');
    } finally {
      await this.worker.terminate();
    }
  }
}
