// Who may do what, given the engine's current state. Pure: the caller passes the state in.
//
// Checks, in order (the first that fails is the reason):
//   blocked     a blocked user is refused everything, `!cv` included (so a reply never goes to them)
//   admin verbs `!panic !resume !lock !unlock !reset` need moderator or broadcaster → permission;
//               they are allowed during panic and on locked variables (that is what they are for)
//   `!cv`       anyone, at any time (it only reads)
//   permission  the role's rank must reach the variable's `permission`
//   panic       chat control is frozen for everyone until `!resume`
//   locked      a locked variable ignores chat, moderators included (the streamer's UI still sets it)
import { ROLE_RANK, type RefusalReason, type Role } from '../../../shared/domain';
import type { ParsedCommand } from './parse';

export const MODERATOR_RANK = ROLE_RANK.moderator;

export interface AuthorizationState {
  readonly panic: boolean;
  /** By variable index. */
  readonly locked: ArrayLike<boolean>;
  readonly blocked: { has(userId: string): boolean };
}

export function isPrivileged(role: Role): boolean {
  return (ROLE_RANK[role] ?? 0) >= MODERATOR_RANK;
}

export function authorize(
  cmd: ParsedCommand,
  userId: string,
  role: Role,
  state: AuthorizationState,
): RefusalReason | null {
  if (state.blocked.has(userId)) return 'blocked';
  // An unknown role (an adapter bug) must fall to the lowest rank, never compare as undefined and slip through.
  const rank = ROLE_RANK[role] ?? 0;
  if (cmd.kind !== 'set') {
    if (cmd.kind === 'list') return null;
    return rank >= MODERATOR_RANK ? null : 'permission';
  }
  const v = cmd.variable;
  if (v === null) return null; // parse already refused it
  if (rank < v.permissionRank) return 'permission';
  if (state.panic) return 'panic';
  if (state.locked[v.index] === true) return 'locked';
  return null;
}
