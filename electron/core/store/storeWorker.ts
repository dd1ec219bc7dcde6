// The store worker thread: the only owner of the write connection. Every batch of analytics rows is one
// transaction of prepared multi-row INSERTs; state saves are upserts; queries run here too, so the thread that
// forwards chat never touches the disk. Retention deletes in small chunks and yields between them, so writes
// and queries queued behind it wait milliseconds, not the length of a big DELETE.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { CommandEvent } from '../../../shared/domain';
import { messageOf, openDatabase } from './schema';
import {
  outcomeName,
  reasonName,
  type ColumnBatch,
  type OutcomeCount,
  type RecentFilter,
  type WorkerInit,
  type WorkerReply,
  type WorkerRequest,
} from './protocol';

const ROWS_PER_STATEMENT = 32;
const COLUMNS = 10;
const RETENTION_CHUNK = 5_000;
const DAY_MS = 86_400_000;
const WRITER_CACHE_KIB = 2048;

const port = parentPort;
if (!port)
  throw new Error('storeWorker.ts is a worker_threads entry point; it cannot run on the main thread');
const init = workerData as WorkerInit;

function post(msg: WorkerReply): void {
  port!.postMessage(msg);
}

let db: Database.Database;
try {
  db = openDatabase(init.dbPath);
} catch (err) {
  post({ kind: 'fatal', error: messageOf(err) });
  // Nothing else to do: the client terminates us after reading the reason.
  throw err;
}
// Never wait long inside SQLite: a locked file fails fast with SQLITE_BUSY and the client retries with
// backoff. Besides keeping close() prompt, this matters because terminating a worker while better-sqlite3 is
// inside a call aborts the whole process (better-sqlite3 #842), so the client only ever terminates an idle
// worker, and this keeps the worker idle-able.
db.pragma('busy_timeout = 100');
// A 2 MiB page cache. better-sqlite3 builds SQLite with a 16 MB default (SQLITE_DEFAULT_CACHE_SIZE=-16000),
// which this connection filled as the commands table grew: measured as steady RSS growth of the engine at
// 200 commands/s (+7 MB over the 5-minute sustained bench; +0.7 MB in its second half with a small cache).
// Appends and the UI's indexed queries need little cache: 200,000-row batches committed as fast with 2 MiB as
// with 16 MB (`npx tsx electron/core/store/sqliteAnalyticsSink.bench.ts`); 512 KiB was ~7 % slower.
db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);

const COLUMN_LIST = 'ts, channel, user_id, user_name, variable, raw, value, outcome, reason, latency_us';
const placeholders = (rows: number) =>
  Array(rows)
    .fill(`(${Array(COLUMNS).fill('?').join(',')})`)
    .join(',');
const insertMany = db.prepare(
  `INSERT INTO commands (${COLUMN_LIST}) VALUES ${placeholders(ROWS_PER_STATEMENT)}`,
);
const insertOne = db.prepare(`INSERT INTO commands (${COLUMN_LIST}) VALUES ${placeholders(1)}`);
const manyParams: unknown[] = new Array(ROWS_PER_STATEMENT * COLUMNS);
const oneParams: unknown[] = new Array(COLUMNS);
const upsertState = db.prepare(
  `INSERT INTO state (key, json, updated_at) VALUES (?, ?, ?)
   ON CONFLICT(key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
);
const deleteChunk = db.prepare(
  'DELETE FROM commands WHERE id IN (SELECT id FROM commands WHERE ts < ? ORDER BY ts LIMIT ?)',
);
const countsSince = db.prepare(
  `SELECT outcome, reason, COUNT(*) AS n FROM commands WHERE ts >= ?
   GROUP BY outcome, reason ORDER BY n DESC, outcome, reason`,
);

const text = (s: unknown): string | null => (typeof s === 'string' ? s : s == null ? null : String(s));
const finiteOrNull = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? v : null;

/** Binds row i of the batch at `offset`. Anything malformed becomes NULL: one odd event must not poison a
 *  batch into endless retries. */
function bindRow(b: ColumnBatch, i: number, out: unknown[], offset: number, receivedAt: number): void {
  const ts = b.ts[i];
  out[offset] = ts !== undefined && Number.isFinite(ts) ? Math.round(ts) : receivedAt;
  out[offset + 1] = text(b.channel[i]);
  out[offset + 2] = text(b.userId[i]);
  out[offset + 3] = text(b.userName[i]);
  out[offset + 4] = text(b.variable[i]);
  out[offset + 5] = text(b.raw[i]);
  out[offset + 6] = finiteOrNull(b.value[i]);
  out[offset + 7] = outcomeName(b.outcome[i] ?? 2);
  out[offset + 8] = reasonName(b.reason[i] ?? 0);
  const latency = finiteOrNull(b.latencyUs[i]);
  out[offset + 9] = latency === null ? null : Math.round(latency);
}

const writeRows = db.transaction((b: ColumnBatch): number => {
  const receivedAt = Date.now();
  let i = 0;
  for (; i + ROWS_PER_STATEMENT <= b.n; i += ROWS_PER_STATEMENT) {
    for (let r = 0; r < ROWS_PER_STATEMENT; r++) bindRow(b, i + r, manyParams, r * COLUMNS, receivedAt);
    insertMany.run(manyParams);
  }
  for (; i < b.n; i++) {
    bindRow(b, i, oneParams, 0, receivedAt);
    insertOne.run(oneParams);
  }
  return b.n;
});

interface CommandRow {
  ts: number;
  channel: string | null;
  user_id: string | null;
  user_name: string | null;
  variable: string | null;
  raw: string | null;
  value: number | null;
  outcome: string;
  reason: string | null;
  latency_us: number | null;
}

const recentStatements = new Map<string, Database.Statement>();

function recent(limit: number, filter: RecentFilter): CommandEvent[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.user) {
    where.push('(user_name = ? COLLATE NOCASE OR user_id = ?)');
    args.push(filter.user, filter.user);
  }
  if (filter.variable) {
    where.push('variable = ?');
    args.push(filter.variable);
  }
  if (filter.outcome) {
    where.push('outcome = ?');
    args.push(filter.outcome);
  }
  const key = where.join(' AND ');
  let stmt = recentStatements.get(key);
  if (!stmt) {
    stmt = db.prepare(
      `SELECT ${COLUMN_LIST} FROM commands ${key ? `WHERE ${key}` : ''} ORDER BY ts DESC, id DESC LIMIT ?`,
    );
    recentStatements.set(key, stmt);
  }
  return (stmt.all(...args, limit) as CommandRow[]).map((r) => ({
    ts: r.ts,
    channel: r.channel ?? '',
    userId: r.user_id ?? '',
    userName: r.user_name ?? '',
    variable: r.variable,
    raw: r.raw ?? '',
    value: r.value,
    outcome: r.outcome === 'accepted' ? 'accepted' : 'refused',
    reason: r.reason as CommandEvent['reason'],
    latencyUs: r.latency_us ?? 0,
  }));
}

let closed = false;
let retentionDays = init.retentionDays;
let retentionChain: Promise<number> = Promise.resolve(0);

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

async function deleteExpired(): Promise<number> {
  const cutoff = Date.now() - retentionDays * DAY_MS;
  let deleted = 0;
  while (!closed) {
    const changes = deleteChunk.run(cutoff, RETENTION_CHUNK).changes;
    deleted += changes;
    if (changes < RETENTION_CHUNK) break;
    await yieldToMessages();
  }
  return deleted;
}

/** Runs serialised: a request during a sweep waits for it, then sweeps again with the newest setting. */
function runRetention(): Promise<number> {
  retentionChain = retentionChain.catch(() => 0).then(deleteExpired);
  return retentionChain;
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.kind) {
    case 'rows':
      return writeRows(req.batch);
    case 'state':
      upsertState.run(req.key, req.json, req.updatedAt);
      return null;
    case 'recent':
      return recent(req.limit, req.filter);
    case 'counts':
      return countsSince.all(req.sinceMs) as OutcomeCount[];
    case 'retention':
      if (req.days !== null) retentionDays = req.days;
      return runRetention();
    case 'close':
      closed = true;
      clearInterval(retentionTimer);
      await retentionChain.catch(() => 0);
      db.close();
      return null;
  }
}

port.on('message', (req: WorkerRequest) => {
  if (closed) {
    post({ kind: 'result', id: req.id, ok: false, error: 'the store is closed', code: 'STORE_CLOSED' });
    return;
  }
  handle(req).then(
    (result) => post({ kind: 'result', id: req.id, ok: true, result }),
    (err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code;
      post({
        kind: 'result',
        id: req.id,
        ok: false,
        error: messageOf(err),
        code: typeof code === 'string' ? code : null,
      });
    },
  );
});

const retentionTimer = setInterval(() => {
  runRetention().catch(() => {
    // The next sweep retries; a failed sweep only means old rows stay a little longer.
  });
}, init.retentionIntervalMs);

post({ kind: 'ready' });
// Sweep once at start, after announcing readiness: a large backlog must not delay start-up.
runRetention().catch(() => {});
