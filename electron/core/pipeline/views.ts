// Read-only views for the dashboard and /api/state. Built on request (snapshot rate), never per message.
import type { UserView, VariableView } from '../../../shared/domain';
import type { RateLimiter } from './limit';
import type { VariableState } from './variable-state';

export function variableViews(
  states: readonly VariableState[],
  locked: readonly boolean[],
  now: number,
  wallNow: number,
): VariableView[] {
  return states.map((st) => ({
    name: st.v.name,
    aliases: [...st.v.config.aliases],
    address: st.v.config.address,
    type: st.v.type,
    min: st.v.min,
    max: st.v.max,
    default: st.v.default,
    value: st.target,
    output: st.output,
    locked: locked[st.v.index] === true,
    lastUser: st.lastUser,
    lastChangedAt: st.lastChangedMs === null ? null : wallNow - (now - st.lastChangedMs),
  }));
}

/**
 * Tracked users, most recently seen first; then blocked users no longer (or never) tracked, so the streamer can
 * always find someone to unblock.
 */
export function userViews(
  limiter: RateLimiter,
  blocked: ReadonlyMap<string, string>,
  limit: number,
  query: string | undefined,
  now: number,
  wallNow: number,
): UserView[] {
  const list = limiter.users(limit, query, (id) => blocked.has(id), now, wallNow);
  const q = query?.trim().toLowerCase() ?? '';
  for (const [userId, userName] of blocked) {
    if (list.length >= limit) break;
    if (limiter.get(userId) !== undefined) continue;
    if (q !== '' && !userName.toLowerCase().includes(q) && !userId.toLowerCase().includes(q)) continue;
    list.push({
      userId,
      userName,
      role: 'everyone',
      accepted: 0,
      refused: 0,
      tokens: limiter.capacity,
      capacity: limiter.capacity,
      lastCommand: null,
      lastSeenAt: 0,
      blocked: true,
    });
  }
  return list;
}
