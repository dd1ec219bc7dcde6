// Active chatters: what they got through, what was refused, how much of their rate limit is left, and a
// way to block someone mid-show. Polled while visible (the engine keeps thousands; we show a page).
import { useEffect, useState } from 'react';
import { useAppStore } from '../store';
import { engine, mutate } from '../api/engine';
import { fmtAgo, fmtCount } from '../lib/format';
import { Panel, useNow } from './ui';
import type { UserView } from '../../../shared/domain';

const POLL_MS = 2000;
const PAGE = 100;

export function UsersPanel() {
  const users = useAppStore((s) => s.users);
  const query = useAppStore((s) => s.usersQuery);
  const error = useAppStore((s) => s.usersError);
  const setQuery = useAppStore((s) => s.setUsersQuery);
  const linkOpen = useAppStore((s) => s.link.state === 'open');
  const [refresh, setRefresh] = useState(0);
  const now = useNow(POLL_MS);

  useEffect(() => {
    if (!linkOpen) return;
    let cancelled = false;
    const load = () => {
      const q = query.trim();
      engine()
        .getUsers(q ? { query: q, limit: PAGE } : { limit: PAGE })
        .then((list) => !cancelled && useAppStore.getState().setUsers(list))
        .catch((err: Error) => !cancelled && useAppStore.getState().setUsersError(err.message));
    };
    // Debounce typing; then keep the list fresh.
    const first = setTimeout(load, query ? 200 : 0);
    const poll = setInterval(load, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(first);
      clearInterval(poll);
    };
  }, [query, linkOpen, refresh]);

  const toggleBlock = async (u: UserView) => {
    await mutate((api) =>
      u.blocked
        ? api.unblockUser({ userId: u.userId })
        : api.blockUser({ userId: u.userId, userName: u.userName }),
    );
    setRefresh((n) => n + 1);
  };

  return (
    <Panel
      title="Users"
      testId="users-panel"
      className="users"
      actions={
        <input
          className="search"
          type="search"
          data-testid="users-search"
          placeholder="Search chatters…"
          aria-label="Search chatters"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      }
    >
      {error && <div className="form-error">{error}</div>}
      {users.length === 0 ? (
        <p className="empty" data-testid="users-empty">
          {query ? `Nobody matches "${query}".` : 'No one has sent a command yet.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="users-table">
            <thead>
              <tr>
                <th>User</th>
                <th className="num">Accepted</th>
                <th className="num">Refused</th>
                <th>Rate limit</th>
                <th>Last command</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr
                  key={u.userId}
                  data-testid={`user-row-${u.userName}`}
                  data-blocked={u.blocked}
                  className={u.blocked ? 'blocked' : ''}
                >
                  <td>
                    <span className="user-name">{u.userName}</span>
                    {u.role !== 'everyone' && <span className={`role role-${u.role}`}>{u.role}</span>}
                    {u.blocked && <span className="role role-blocked">blocked</span>}
                  </td>
                  <td className="num ok" data-testid="user-accepted">
                    {fmtCount(u.accepted)}
                  </td>
                  <td className="num bad" data-testid="user-refused">
                    {fmtCount(u.refused)}
                  </td>
                  <td>
                    <TokenBar tokens={u.tokens} capacity={u.capacity} />
                  </td>
                  <td className="last-command">
                    <code>{u.lastCommand ?? '–'}</code>
                    <span className="muted"> {fmtAgo(u.lastSeenAt, now)}</span>
                  </td>
                  <td className="actions">
                    <button
                      className={`btn small ${u.blocked ? '' : 'danger-ghost'}`}
                      data-testid={`${u.blocked ? 'unblock' : 'block'}-${u.userName}`}
                      onClick={() => toggleBlock(u)}
                    >
                      {u.blocked ? 'Unblock' : 'Block'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function TokenBar({ tokens, capacity }: { tokens: number; capacity: number }) {
  const f = capacity > 0 ? Math.min(1, Math.max(0, tokens / capacity)) : 0;
  return (
    <span className="tokens" title={`${tokens.toFixed(1)} of ${capacity} commands available`}>
      <span className="tokens-bar">
        <span className={`tokens-fill ${f < 0.2 ? 'low' : ''}`} style={{ transform: `scaleX(${f})` }} />
      </span>
      <span className="tokens-text">
        {Math.floor(tokens)}/{capacity}
      </span>
    </span>
  );
}
