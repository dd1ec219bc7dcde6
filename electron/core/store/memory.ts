// In-memory twins of the SQLite adapters, for tests of other modules. Same contracts, same query semantics
// (newest first, the same filters), no disk and no worker.
import type { CommandEvent } from '../../../shared/domain';
import type { AnalyticsSink, PersistedState, StateStore } from '../ports';
import type { OutcomeCount, RecentFilter } from './protocol';

export class MemoryAnalyticsSink implements AnalyticsSink {
  /** Every recorded event, oldest first. */
  readonly events: CommandEvent[] = [];
  flushes = 0;
  closed = false;
  droppedRows = 0;

  record(event: CommandEvent): void {
    if (this.closed) {
      this.droppedRows += 1;
      return;
    }
    this.events.push(event);
  }

  flush(): Promise<void> {
    this.flushes += 1;
    return Promise.resolve();
  }

  stats(): { pendingRows: number; writtenRows: number; errors: number; droppedRows: number } {
    return { pendingRows: 0, writtenRows: this.events.length, errors: 0, droppedRows: this.droppedRows };
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  recent(limit: number, filter: RecentFilter = {}): Promise<CommandEvent[]> {
    const user = filter.user?.trim().replace(/^@/, '').toLowerCase();
    const variable = filter.variable?.trim().toLowerCase();
    const out: CommandEvent[] = [];
    // Newest first, ties in reverse recording order: the SQLite store orders by (ts, id) descending.
    const sorted = this.events.map((e, i) => ({ e, i })).sort((a, b) => b.e.ts - a.e.ts || b.i - a.i);
    for (const { e } of sorted) {
      if (out.length >= limit) break;
      if (user && e.userName.toLowerCase() !== user && e.userId !== filter.user?.trim()) continue;
      if (variable && e.variable !== variable) continue;
      if (filter.outcome && e.outcome !== filter.outcome) continue;
      out.push(e);
    }
    return Promise.resolve(out);
  }

  counts(sinceMs: number): Promise<OutcomeCount[]> {
    const byKey = new Map<string, OutcomeCount>();
    for (const e of this.events) {
      if (e.ts < sinceMs) continue;
      const key = `${e.outcome}\u0000${e.reason ?? ''}`;
      const c = byKey.get(key) ?? { outcome: e.outcome, reason: e.reason, n: 0 };
      c.n += 1;
      byKey.set(key, c);
    }
    return Promise.resolve([...byKey.values()].sort((a, b) => b.n - a.n));
  }
}

export class MemoryStateStore implements StateStore {
  /** What a restart would load. */
  saved: PersistedState | null;
  saves = 0;
  flushes = 0;

  constructor(initial: PersistedState | null = null) {
    this.saved = initial ? structuredClone(initial) : null;
  }

  load(): PersistedState | null {
    return this.saved ? structuredClone(this.saved) : null;
  }

  save(state: PersistedState): void {
    // A copy, as the real store serialises: later mutation by the caller must not rewrite history.
    this.saved = structuredClone(state);
    this.saves += 1;
  }

  flush(): Promise<void> {
    this.flushes += 1;
    return Promise.resolve();
  }
}
