// A load phase (so many commands per second from so many users for so long) and the pacer that spreads it
// evenly over time. The pacer never "catches up" by more than was due: if the sender stalls, the next tick
// sends everything that fell due meanwhile, so the achieved rate stays the target rate (in bigger batches).

export interface LoadPhase {
  /** Shown in progress lines, tables and charts. */
  name: string;
  /** Commands per second; 0 is an idle phase (nothing sent, time passes). */
  rate: number;
  /** Distinct simulated users; commands go round-robin through them. */
  users: number;
  durationMs: number;
  /** First user index, so a phase can bring users never seen before (memory per tracked user). */
  firstUser?: number;
  /** Every n-th user is a moderator (0 or absent: none); lets the stress scenario show "moderators last". */
  moderatorEvery?: number;
}

export class Pacer {
  readonly total: number;
  private sentCount = 0;

  constructor(
    readonly rate: number,
    readonly durationMs: number,
    readonly startMs: number,
  ) {
    this.total = Math.round((rate * durationMs) / 1000);
  }

  get sent(): number {
    return this.sentCount;
  }

  /** Messages due by `nowMs` that have not been sent yet. */
  due(nowMs: number): number {
    const elapsed = Math.min(Math.max(0, nowMs - this.startMs), this.durationMs);
    const target = elapsed >= this.durationMs ? this.total : Math.floor((this.rate * elapsed) / 1000);
    return Math.max(0, Math.min(this.total, target) - this.sentCount);
  }

  take(n: number): void {
    this.sentCount += n;
  }

  /** True once every message has gone and the phase's time is up. */
  done(nowMs: number): boolean {
    return this.sentCount >= this.total && nowMs - this.startMs >= this.durationMs;
  }
}

/** User index of the k-th message of a phase (round-robin). */
export function userOf(phase: LoadPhase, k: number): number {
  return (phase.firstUser ?? 0) + (k % Math.max(1, phase.users));
}

export function isModerator(phase: LoadPhase, user: number): boolean {
  const every = phase.moderatorEvery ?? 0;
  return every > 0 && user % every === 0;
}

/** Messages a list of phases sends in total, for sizing the sequence table. */
export function plannedMessages(phases: readonly LoadPhase[]): number {
  return phases.reduce((n, p) => n + Math.round((p.rate * p.durationMs) / 1000), 0);
}
