// The command pipeline in one object: parse → authorize → range → limit → aggregate → shape → write.
// `handle` is the hot path: synchronous, no I/O, no closures or promises, one small Decision per message.
// Everything time-based (slews, windows, pulses) advances in `tick`, which the engine runs only while
// `needsTick()` says something is pending.
import type { Config } from '../../../shared/config';
import type { ChatMessage, RefusalReason, Role, UserView, VariableView } from '../../../shared/domain';
import type { Clock, PersistedState } from '../ports';
import { authorize, isPrivileged } from './authorize';
import { compileConfig, type CompiledConfig, type CompiledVariable } from './compile';
import { RateLimiter, type UserRecord } from './limit';
import { listingText } from './listing';
import { createParsed, parseCommand, type ParsedCommand } from './parse';
import { resolveTarget } from './shape';
import type { Decision, OutputWriter } from './types';
import type { VariableState } from './variable-state';
import { carryOver, persistedState, restoreState } from './carry';
import { userViews, variableViews } from './views';

export type { Decision, OutputWriter } from './types';

/** Credited as `lastUser` when the streamer acts from the dashboard (not a possible Twitch login). */
export const DASHBOARD_USER = '(dashboard)';

/** What a Decision names: the variable, the admin verb, `cv`, or null when nothing was recognised. */
function commandName(cmd: ParsedCommand): string | null {
  if (cmd.kind === 'list') return 'cv';
  if (cmd.kind !== 'set') return cmd.kind;
  return cmd.variable === null ? null : cmd.variable.name;
}

function decision(reason: RefusalReason | null, variable: string | null, value: number | null): Decision {
  return { outcome: reason === null ? 'accepted' : 'refused', reason, variable, value };
}

export class CommandProcessor {
  private compiled: CompiledConfig;
  private states: VariableState[];
  private readonly limiter: RateLimiter;
  /** Shared with authorize(): the source of truth for panic, locks (by index) and blocked users (id → name). */
  private readonly auth: { panic: boolean; locked: boolean[]; blocked: Map<string, string> };
  private readonly parsed: ParsedCommand = createParsed();
  private dirty = false;
  /** False only when nothing can be pending, so needsTick() is O(1) in the common case. */
  private maybePending = false;

  constructor(
    config: Config,
    private readonly clock: Clock,
    restored?: PersistedState | null,
  ) {
    this.compiled = compileConfig(config);
    this.limiter = new RateLimiter(config, this.compiled.variables.length);
    const r = restoreState(this.compiled, restored);
    this.states = r.states;
    this.auth = { panic: r.panic, locked: r.locked, blocked: r.blocked };
  }

  handle(msg: ChatMessage, write: OutputWriter): Decision {
    const now = this.clock.now();
    // A chat adapter bug must not crash the hot path: a missing text is simply not a command.
    const text = typeof msg.text === 'string' ? msg.text : '';
    const cmd = parseCommand(text, this.compiled, this.parsed);
    if (cmd.reason === 'not_a_command') return decision('not_a_command', null, null);
    const rec = this.limiter.touch(msg.userId, msg.userName, msg.role, text, now);
    const name = commandName(cmd);
    const refusal = cmd.reason ?? authorize(cmd, msg.userId, msg.role, this.auth);
    if (refusal !== null) return this.refuse(rec, refusal, name);

    if (cmd.kind === 'set') return this.handleSet(cmd.variable!, cmd, rec, msg, now, write);
    if (cmd.kind === 'list') {
      const limited = this.limiter.admit(rec, null, isPrivileged(msg.role), now);
      if (limited !== null) return this.refuse(rec, limited, name);
    } else this.runVerb(cmd, msg.userName, write);
    rec.accepted++;
    return decision(null, name, null);
  }

  private refuse(rec: UserRecord, reason: RefusalReason, name: string | null): Decision {
    rec.refused++;
    return decision(reason, name, null);
  }

  private handleSet(
    v: CompiledVariable,
    cmd: ParsedCommand,
    rec: UserRecord,
    msg: ChatMessage,
    now: number,
    write: OutputWriter,
  ): Decision {
    const st = this.states[v.index]!;
    if (st.closeWindowIfDue(now, this.compiled.stepMs, write)) this.dirty = true;
    const target = resolveTarget(v, cmd.value, cmd.relative, st.target);
    if (Number.isNaN(target)) return this.refuse(rec, 'out_of_range', v.name);
    const limited = this.limiter.admit(rec, v, isPrivileged(msg.role), now);
    if (limited !== null) return this.refuse(rec, limited, v.name);
    rec.accepted++;
    if (st.window !== null) {
      st.window.submit(msg.userId, msg.userName, target, now);
      this.maybePending = true;
      return decision(null, v.name, target);
    }
    if (v.type === 'trigger') st.fire(msg.userName, now, write);
    else {
      if (target !== st.target) this.dirty = true;
      st.setTarget(target, msg.userName, now, this.compiled.stepMs, write);
    }
    if (st.pending()) this.maybePending = true;
    return decision(null, v.name, st.target);
  }

  private runVerb(cmd: ParsedCommand, userName: string, write: OutputWriter): void {
    const v = cmd.variable;
    switch (cmd.kind) {
      case 'panic':
        return this.panicAs(userName, write);
      case 'resume':
        return this.resume();
      case 'lock':
        this.setLocked(v!, true);
        return;
      case 'unlock':
        this.setLocked(v!, false);
        return;
      case 'reset':
        return this.resetVariable(v!, userName, write);
    }
  }

  tick(write: OutputWriter): void {
    const now = this.clock.now();
    let pending = false;
    for (const st of this.states) {
      if (st.tick(now, this.compiled.stepMs, write) && st.v.type !== 'trigger') this.dirty = true;
      pending ||= st.pending();
    }
    this.maybePending = pending;
  }

  needsTick(): boolean {
    if (!this.maybePending) return false;
    let pending = false;
    for (const st of this.states) pending ||= st.pending();
    this.maybePending = pending;
    return pending;
  }

  /** Monotonic ms at which tick() next has work (Infinity when none), for an engine that sets a precise timer. */
  nextTickAt(): number {
    let at = Infinity;
    for (const st of this.states) at = Math.min(at, st.dueAt());
    return at;
  }

  panic(write: OutputWriter): void {
    this.panicAs(DASHBOARD_USER, write);
  }

  private panicAs(userName: string, write: OutputWriter): void {
    this.auth.panic = true;
    for (const st of this.states) this.resetState(st, userName, write);
    this.dirty = true;
  }

  resume(): void {
    if (this.auth.panic) this.dirty = true;
    this.auth.panic = false;
  }

  isPanic(): boolean {
    return this.auth.panic;
  }

  lock(name: string): boolean {
    const v = this.lookup(name);
    if (v !== undefined) this.setLocked(v, true);
    return v !== undefined;
  }

  unlock(name: string): boolean {
    const v = this.lookup(name);
    if (v !== undefined) this.setLocked(v, false);
    return v !== undefined;
  }

  private setLocked(v: CompiledVariable, locked: boolean): void {
    if (this.auth.locked[v.index] !== locked) this.dirty = true;
    this.auth.locked[v.index] = locked;
    // Votes already cast would move a variable the streamer just locked: drop them.
    if (locked) this.states[v.index]!.window?.cancel();
  }

  reset(name: string, write: OutputWriter): boolean {
    const v = this.lookup(name);
    if (v !== undefined) this.resetVariable(v, DASHBOARD_USER, write);
    return v !== undefined;
  }

  private resetVariable(v: CompiledVariable, userName: string, write: OutputWriter): void {
    this.resetState(this.states[v.index]!, userName, write);
    this.dirty = true;
  }

  private resetState(st: VariableState, userName: string, write: OutputWriter): void {
    st.jumpTo(st.v.type === 'trigger' ? st.v.min : st.v.default, userName, this.clock.now(), write);
  }

  /**
   * The streamer sets a value from the UI: shaped like chat's (range, quantize, slew) but no limits,
   * permissions, locks or panic apply; a pending vote on the variable is dropped so the streamer's value stands.
   */
  setValue(name: string, value: number, write: OutputWriter): Decision {
    const v = this.lookup(name);
    if (v === undefined) return decision('unknown_variable', null, null);
    if (!Number.isFinite(value)) return decision('bad_value', v.name, null);
    const target = resolveTarget(v, value, false, this.states[v.index]!.target);
    if (Number.isNaN(target)) return decision('out_of_range', v.name, null);
    const st = this.states[v.index]!;
    const now = this.clock.now();
    st.window?.cancel();
    if (v.type === 'trigger') {
      if (target >= v.mid) st.fire(DASHBOARD_USER, now, write);
    } else {
      if (target !== st.target) this.dirty = true;
      st.setTarget(target, DASHBOARD_USER, now, this.compiled.stepMs, write);
    }
    if (st.pending()) this.maybePending = true;
    return decision(null, v.name, st.target);
  }

  block(userId: string, userName?: string): void {
    const known = this.auth.blocked.get(userId) ?? this.limiter.get(userId)?.userName;
    if (!this.auth.blocked.has(userId)) this.dirty = true;
    this.auth.blocked.set(userId, userName ?? known ?? userId);
  }

  unblock(userId: string): void {
    if (this.auth.blocked.delete(userId)) this.dirty = true;
  }

  private lookup(name: string): CompiledVariable | undefined {
    return this.compiled.byName.get(name.trim().toLowerCase());
  }

  variables(): VariableView[] {
    return variableViews(this.states, this.auth.locked, this.clock.now(), this.clock.wallNow());
  }

  /** Most recently seen first; blocked users who are not tracked (any more) follow, so they can be unblocked. */
  users(limit = 100, query?: string): UserView[] {
    return userViews(this.limiter, this.auth.blocked, limit, query, this.clock.now(), this.clock.wallNow());
  }

  activeUsers(windowMs: number): number {
    return this.limiter.activeUsers(windowMs, this.clock.now());
  }

  /** Tracked users right now (bounded by rateLimit.maxTrackedUsers). */
  trackedUsers(): number {
    return this.limiter.size;
  }

  listing(role: Role): string {
    return listingText(this.compiled, role, this.auth.panic, this.auth.locked);
  }

  persisted(): PersistedState {
    return persistedState(this.states, this.auth.locked, this.auth.panic, this.auth.blocked);
  }

  isDirty(): boolean {
    return this.dirty;
  }

  markClean(): void {
    this.dirty = false;
  }

  /**
   * Swap in a new config. Compiles first, so a config the pipeline cannot run throws (PipelineConfigError) and
   * changes nothing. Variables whose name survives keep their value (brought into the new range), lock and
   * credit; new ones start at their default. Every output is written once, at once; ramps, pulses and open
   * windows are dropped; per-variable cooldowns start afresh; tracked users keep their buckets.
   */
  applyConfig(config: Config, write: OutputWriter): void {
    const compiled = compileConfig(config);
    const next = carryOver(compiled, this.states, this.auth.locked);
    this.auth.locked = next.locked;
    this.states = next.states;
    this.compiled = compiled;
    this.limiter.reconfigure(config, compiled.variables.length);
    this.maybePending = false;
    this.dirty = true;
    this.initialOutputs(write);
  }

  initialOutputs(write: OutputWriter): void {
    for (const st of this.states) write(st.v.index, st.output);
  }
}
