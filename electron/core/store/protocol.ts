// What the main thread and the store worker say to each other, and the columnar batch they pass.
// Columns (typed arrays for numbers, small codes for outcome and reason) cost about a quarter of an array of
// row objects to structured-clone, and cloning happens on the thread that forwards chat.
import { REFUSAL_REASONS, type CommandEvent, type Outcome, type RefusalReason } from '../../../shared/domain';

export interface ColumnBatch {
  n: number;
  ts: Float64Array;
  /** NaN stands for null. */
  value: Float64Array;
  latencyUs: Float64Array;
  /** 1 accepted, 2 refused. */
  outcome: Uint8Array;
  /** 0 none, else 1 + index in REFUSAL_REASONS; 255 for a reason this build does not know. */
  reason: Uint8Array;
  channel: string[];
  userId: string[];
  userName: string[];
  variable: (string | null)[];
  raw: string[];
}

// Null prototype: a reason such as "constructor" must not find Object.prototype's members.
const REASON_CODE: Readonly<Record<string, number>> = Object.assign(
  Object.create(null) as Record<string, number>,
  Object.fromEntries(REFUSAL_REASONS.map((r, i) => [r, i + 1])),
);
const UNKNOWN_REASON = 255;

export function newBatch(capacity: number): ColumnBatch {
  return {
    n: 0,
    ts: new Float64Array(capacity),
    value: new Float64Array(capacity),
    latencyUs: new Float64Array(capacity),
    outcome: new Uint8Array(capacity),
    reason: new Uint8Array(capacity),
    channel: [],
    userId: [],
    userName: [],
    variable: [],
    raw: [],
  };
}

// The type checks below cost a nanosecond each and guarantee the batch always structured-clones: one event
// carrying an object where a string belongs must not make its whole batch unsendable.
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

/** O(1): writes one event into the next row. The caller makes sure the batch is not full. */
export function appendEvent(b: ColumnBatch, e: CommandEvent): void {
  const i = b.n;
  b.ts[i] = num(e.ts);
  b.value[i] = num(e.value);
  b.latencyUs[i] = num(e.latencyUs);
  b.outcome[i] = e.outcome === 'accepted' ? 1 : 2;
  b.reason[i] = e.reason == null ? 0 : (REASON_CODE[e.reason] ?? UNKNOWN_REASON);
  b.channel.push(str(e.channel));
  b.userId.push(str(e.userId));
  b.userName.push(str(e.userName));
  b.variable.push(typeof e.variable === 'string' ? e.variable : null);
  b.raw.push(str(e.raw));
  b.n = i + 1;
}

/**
 * Hands over the rows written so far as a batch of their own (typed arrays copied to exactly the rows used,
 * string columns moved) and empties `b` for reuse, instead of allocating a fresh full-capacity builder (~52 KB
 * of array buffers at 2,000 rows) for every seal. (Suspected of the sustained run's RSS growth, it was not the
 * cause: that was SQLite's page cache, see storeWorker.ts; the reuse stays as the cheaper way.)
 */
export function takeRows(b: ColumnBatch): ColumnBatch {
  const n = b.n;
  const rows: ColumnBatch = {
    n,
    ts: b.ts.slice(0, n),
    value: b.value.slice(0, n),
    latencyUs: b.latencyUs.slice(0, n),
    outcome: b.outcome.slice(0, n),
    reason: b.reason.slice(0, n),
    channel: b.channel,
    userId: b.userId,
    userName: b.userName,
    variable: b.variable,
    raw: b.raw,
  };
  b.n = 0;
  b.channel = [];
  b.userId = [];
  b.userName = [];
  b.variable = [];
  b.raw = [];
  return rows;
}

export function outcomeName(code: number): Outcome {
  return code === 1 ? 'accepted' : 'refused';
}

export function reasonName(code: number): RefusalReason | 'unknown' | null {
  if (code === 0) return null;
  return REFUSAL_REASONS[code - 1] ?? 'unknown';
}

export interface RecentFilter {
  /** User name (case-insensitive) or user id. */
  user?: string | undefined;
  variable?: string | undefined;
  outcome?: Outcome | undefined;
}

export interface OutcomeCount {
  outcome: Outcome;
  reason: RefusalReason | null;
  n: number;
}

export interface WorkerInit {
  dbPath: string;
  retentionDays: number;
  retentionIntervalMs: number;
}

export type WorkerRequest =
  | { id: number; kind: 'rows'; batch: ColumnBatch }
  | { id: number; kind: 'state'; key: string; json: string; updatedAt: number }
  | { id: number; kind: 'recent'; limit: number; filter: RecentFilter }
  | { id: number; kind: 'counts'; sinceMs: number }
  | { id: number; kind: 'retention'; days: number | null }
  | { id: number; kind: 'close' };

export interface WorkerResults {
  rows: number;
  state: null;
  recent: CommandEvent[];
  counts: OutcomeCount[];
  retention: number;
  close: null;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'fatal'; error: string }
  | { kind: 'result'; id: number; ok: true; result: unknown }
  | { kind: 'result'; id: number; ok: false; error: string; code: string | null };

export type RequestBody<K extends WorkerRequest['kind']> = Omit<Extract<WorkerRequest, { kind: K }>, 'id'>;
