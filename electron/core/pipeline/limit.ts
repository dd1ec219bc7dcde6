// Rate limits: a per-user token bucket, per-variable cooldowns and a global cap, plus the per-user record the
// Users panel reads (the same Map entry, so a chatter costs one object).
//
// Buckets are kept as GCRA (the "virtual scheduling" form of a token bucket): one number per bucket, the
// theoretical arrival time `tat`. A bucket of `capacity` tokens refilled at `rate`/s admits a command at `t`
// iff t >= tat - (capacity - 1) * T with T = 1000/rate ms, and then tat = max(t, tat) + T. It is the same
// bucket, lazily refilled from the clock, but exact: no floating-point token sums drifting below 1.
//
// Order of checks in `admit`, all-or-nothing: per-user bucket → variable cooldown → global cap. Nothing is
// spent unless every check passes, so a command refused by a later stage never costs the user a token and a
// refused command never uses up the global cap or starts a cooldown. Tokens are spent by accepted commands only.
// Moderators and the broadcaster bypass all three (their commands still start a variable's cooldown): the
// people who may `!panic` must never be rate limited out of doing so.
import type { Config } from '../../../shared/config';
import { MAX_MESSAGE_LENGTH, type RefusalReason, type Role, type UserView } from '../../../shared/domain';
import type { CompiledVariable } from './compile';

/** A chatter with a full bucket who has been silent this long is forgotten by the idle sweep. */
export const USER_IDLE_MS = 10 * 60_000;
const SWEEP_INTERVAL_MS = 1_000;
/** Entries examined per sweep, so one sweep never stalls a message. */
const SWEEP_BATCH = 256;
/** Stands for "never refills" (refillPerSec 0) while keeping the arithmetic finite. */
const NEVER_MS = 1e15;

/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 makes a slice of 13 characters or
 * more a view that keeps its whole parent alive (here, a WebSocket frame of many chat lines); concatenating
 * and slicing again flattens it into a fresh string. Shorter slices are copies already. The same trick as
 * `detached()` in chat/fastPrivmsg.ts, kept here so the pipeline does not depend on the chat adapter.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

export class UserRecord {
  /** GCRA theoretical arrival time of the per-user bucket (monotonic ms). */
  tat: number;
  lastSeenMs: number;
  /** Recency list neighbours: `older` towards the least recently seen user, `newer` towards the latest. */
  older: UserRecord | null = null;
  newer: UserRecord | null = null;
  accepted = 0;
  refused = 0;
  lastCommand: string | null = null;
  constructor(
    readonly userId: string,
    public userName: string,
    public role: Role,
    now: number,
  ) {
    this.tat = now;
    this.lastSeenMs = now;
  }
}

interface Bucket {
  /** ms per token. */
  interval: number;
  /** (capacity - 1) * interval: how far ahead of now tat may run. */
  tolerance: number;
  capacity: number;
}

function bucket(capacity: number, perSec: number): Bucket {
  const interval = perSec > 0 ? 1000 / perSec : NEVER_MS;
  return { interval, tolerance: (capacity - 1) * interval, capacity };
}

function tokensLeft(b: Bucket, tat: number, now: number): number {
  if (tat <= now) return b.capacity;
  return Math.max(0, b.capacity - (tat - now) / b.interval);
}

/**
 * Users are found through a Map and kept in a doubly linked recency list (least recently seen at `oldest`).
 * Evicting from the front of a Map instead is O(deleted entries) per eviction in V8 (iteration walks the holes
 * deletes leave), which measured 21 µs per message under a flood of new names; the list makes eviction, the
 * idle sweep, "most recent first" and active-user counts walk only what they need.
 */
export class RateLimiter {
  private readonly records = new Map<string, UserRecord>();
  private oldest: UserRecord | null = null;
  private newest: UserRecord | null = null;
  private perUser!: Bucket;
  private global!: Bucket;
  private maxTracked = 0;
  private globalTat = -Infinity;
  /** Monotonic ms of the last accepted change, by variable index. */
  private lastChangeAt = new Float64Array(0);
  private lastSweepAt = -Infinity;

  constructor(config: Config, variableCount: number) {
    this.reconfigure(config, variableCount);
  }

  /** New limits apply from now on; tracked users keep their records; cooldowns start afresh. */
  reconfigure(config: Config, variableCount: number): void {
    const r = config.rateLimit;
    this.perUser = bucket(r.perUser.capacity, r.perUser.refillPerSec);
    this.global = bucket(r.global.perSec, r.global.perSec);
    this.maxTracked = r.maxTrackedUsers;
    this.lastChangeAt = new Float64Array(variableCount).fill(-Infinity);
    while (this.records.size > this.maxTracked && this.oldest !== null) this.remove(this.oldest);
  }

  get size(): number {
    return this.records.size;
  }

  get(userId: string): UserRecord | undefined {
    return this.records.get(userId);
  }

  /** Find or create the user's record, note this message on it and make it the most recently seen. */
  touch(userId: string, userName: string, role: Role, text: string, now: number): UserRecord {
    let rec = this.records.get(userId);
    if (rec === undefined) {
      if (now - this.lastSweepAt >= SWEEP_INTERVAL_MS) this.sweep(now);
      while (this.records.size >= this.maxTracked && this.oldest !== null) this.remove(this.oldest);
      rec = new UserRecord(detached(userId), detached(userName), role, now);
      this.records.set(userId, rec);
      this.append(rec);
    } else if (rec !== this.newest) {
      this.unlink(rec);
      this.append(rec);
    }
    if (rec.userName !== userName) rec.userName = detached(userName);
    rec.role = role;
    rec.lastSeenMs = now;
    // A record outlives the message: never keep more of it than a real chat line can hold, and never a view
    // into the WebSocket frame the line came in (lines parsed by tmi.js are slices of the whole frame).
    rec.lastCommand = detached(text.length > MAX_MESSAGE_LENGTH ? text.slice(0, MAX_MESSAGE_LENGTH) : text);
    return rec;
  }

  private append(rec: UserRecord): void {
    rec.older = this.newest;
    rec.newer = null;
    if (this.newest !== null) this.newest.newer = rec;
    else this.oldest = rec;
    this.newest = rec;
  }

  private unlink(rec: UserRecord): void {
    if (rec.older !== null) rec.older.newer = rec.newer;
    else this.oldest = rec.newer;
    if (rec.newer !== null) rec.newer.older = rec.older;
    else this.newest = rec.older;
    rec.older = rec.newer = null;
  }

  private remove(rec: UserRecord): void {
    this.unlink(rec);
    this.records.delete(rec.userId);
  }

  /**
   * Check every limit and, only if all pass, spend one token of each and start the variable's cooldown.
   * `variable` is null for commands without one (`!cv`).
   */
  admit(
    rec: UserRecord,
    variable: CompiledVariable | null,
    privileged: boolean,
    now: number,
  ): RefusalReason | null {
    if (privileged) {
      if (variable !== null) this.lastChangeAt[variable.index] = now;
      return null;
    }
    if (now < rec.tat - this.perUser.tolerance) return 'rate_limited';
    if (variable !== null && now - this.lastChangeAt[variable.index]! < variable.cooldownMs)
      return 'cooldown';
    if (now < this.globalTat - this.global.tolerance) return 'rate_limited';
    rec.tat = Math.max(now, rec.tat) + this.perUser.interval;
    this.globalTat = Math.max(now, this.globalTat) + this.global.interval;
    if (variable !== null) this.lastChangeAt[variable.index] = now;
    return null;
  }

  /** Tokens the user has now (for the Users panel). */
  tokens(rec: UserRecord, now: number): number {
    return tokensLeft(this.perUser, rec.tat, now);
  }

  get capacity(): number {
    return this.perUser.capacity;
  }

  /** Forget idle users whose bucket is full (forgetting them gives nothing back), oldest first, a batch at a time. */
  sweep(now: number): void {
    this.lastSweepAt = now;
    let rec = this.oldest;
    for (let examined = 0; rec !== null && examined < SWEEP_BATCH; examined++) {
      if (now - rec.lastSeenMs < USER_IDLE_MS) break;
      const next = rec.newer;
      if (rec.tat <= now) this.remove(rec);
      rec = next;
    }
  }

  /** Users seen within the last `windowMs`: walks back from the latest and stops at the first older one. */
  activeUsers(windowMs: number, now: number): number {
    let n = 0;
    for (let rec = this.newest; rec !== null && now - rec.lastSeenMs <= windowMs; rec = rec.older) n++;
    return n;
  }

  /**
   * The most recently seen users first, at most `limit`, optionally only those whose name or id contains
   * `query` (case-insensitive). Called at UI-snapshot rate, never per message.
   */
  users(
    limit: number,
    query: string | undefined,
    isBlocked: (userId: string) => boolean,
    now: number,
    wallNow: number,
  ): UserView[] {
    const q = query?.trim().toLowerCase() ?? '';
    const list: UserView[] = [];
    for (let rec = this.newest; rec !== null && list.length < limit; rec = rec.older) {
      if (q !== '' && !rec.userName.toLowerCase().includes(q) && !rec.userId.toLowerCase().includes(q))
        continue;
      list.push({
        userId: rec.userId,
        userName: rec.userName,
        role: rec.role,
        accepted: rec.accepted,
        refused: rec.refused,
        tokens: this.tokens(rec, now),
        capacity: this.perUser.capacity,
        lastCommand: rec.lastCommand,
        lastSeenAt: wallNow - (now - rec.lastSeenMs),
        blocked: isBlocked(rec.userId),
      });
    }
    return list;
  }
}
