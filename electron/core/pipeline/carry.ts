// Carrying variable state across a restart (PersistedState) and across a config swap. Only names link the old
// state to the new config: a value whose variable is gone is dropped, a value outside the new range is brought
// into it (clamped, quantized, snapped), and a trigger always starts low.
import type { PersistedState } from '../ports';
import type { CompiledConfig } from './compile';
import { finalizeTarget } from './shape';
import { VariableState } from './variable-state';

export interface RestoredState {
  states: VariableState[];
  locked: boolean[];
  panic: boolean;
  /** userId → display name (a save from before names were kept has ids only: the id stands in). */
  blocked: Map<string, string>;
}

/** Fresh state for `compiled`, with whatever a persisted state says; malformed entries are ignored. */
export function restoreState(
  compiled: CompiledConfig,
  saved: PersistedState | null | undefined,
): RestoredState {
  const states = compiled.variables.map((v) => new VariableState(v, v.default));
  const locked = compiled.variables.map(() => false);
  const blocked = new Map<string, string>();
  if (!saved) return { states, locked, panic: false, blocked };
  const values: Record<string, unknown> =
    typeof saved.values === 'object' && saved.values !== null ? saved.values : {};
  for (const [name, value] of Object.entries(values)) {
    const v = compiled.byName.get(name.toLowerCase());
    if (v === undefined || v.type === 'trigger' || typeof value !== 'number') continue;
    states[v.index] = new VariableState(v, finalizeTarget(v, value));
  }
  for (const name of Array.isArray(saved.locked) ? saved.locked : []) {
    const v = compiled.byName.get(String(name).toLowerCase());
    if (v !== undefined) locked[v.index] = true;
  }
  const names: unknown = saved.blockedNames;
  const nameOf = (id: string): string => {
    if (typeof names !== 'object' || names === null || !Object.hasOwn(names, id)) return id;
    const name = (names as Record<string, unknown>)[id];
    return typeof name === 'string' && name !== '' ? name : id;
  };
  for (const id of Array.isArray(saved.blockedUsers) ? saved.blockedUsers : [])
    blocked.set(String(id), nameOf(String(id)));
  return { states, locked, panic: saved.panic === true, blocked };
}

/** New states for a swapped-in config: surviving names keep value, lock and credit; nothing stays in flight. */
export function carryOver(
  compiled: CompiledConfig,
  oldStates: readonly VariableState[],
  oldLocked: readonly boolean[],
): { states: VariableState[]; locked: boolean[] } {
  const oldByName = new Map(oldStates.map((st) => [st.v.name, st] as const));
  const locked: boolean[] = [];
  const states = compiled.variables.map((v) => {
    const old = oldByName.get(v.name);
    const target = old === undefined || v.type === 'trigger' ? v.default : finalizeTarget(v, old.target);
    const st = new VariableState(v, target);
    locked.push(old !== undefined && oldLocked[old.v.index] === true);
    if (old !== undefined) {
      st.lastUser = old.lastUser;
      st.lastChangedMs = old.lastChangedMs;
    }
    return st;
  });
  return { states, locked };
}

export function persistedState(
  states: readonly VariableState[],
  locked: readonly boolean[],
  panic: boolean,
  blocked: ReadonlyMap<string, string>,
): PersistedState {
  const values: Record<string, number> = {};
  for (const st of states) values[st.v.name] = st.v.type === 'trigger' ? st.v.min : st.target;
  return {
    values,
    locked: states.filter((st) => locked[st.v.index] === true).map((st) => st.v.name),
    panic,
    blockedUsers: [...blocked.keys()],
    blockedNames: Object.fromEntries(blocked),
  };
}
