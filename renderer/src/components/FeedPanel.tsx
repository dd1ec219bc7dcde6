// The live command feed. New rows appear at the bottom; scrolling up to read holds the view still and
// counts what arrives, and the pill jumps back to live. Only the rows in view are in the DOM (fixed-height
// rows, windowed): at 5,000 commands/s, creating and dropping 500 rows ten times a second is what made
// the page stutter.
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';
import { filterFeed } from '../store/feedSlice';
import type { FeedRow as Row } from '../store/types';
import { fmtLatencyUs, fmtTime, fmtCount } from '../lib/format';
import { Panel } from './ui';

/** How close to the bottom counts as "following live" (pixels). */
const LIVE_SLACK = 32;
/** Must match .feed-row's height in styles.css. */
const ROW_HEIGHT = 34;
/** Rows rendered beyond the visible ones, so a quick scroll does not show blank space. */
const OVERSCAN = 8;

const REASON_TEXT: Record<string, string> = {
  not_a_command: 'not a command',
  too_long: 'too long',
  unknown_variable: 'unknown variable',
  bad_value: 'bad value',
  out_of_range: 'out of range',
  permission: 'no permission',
  locked: 'locked',
  panic: 'panic',
  rate_limited: 'rate limited',
  cooldown: 'cooldown',
  overloaded: 'overloaded',
  blocked: 'blocked',
  duplicate: 'duplicate',
};

export function FeedPanel() {
  const rows = useAppStore((s) => s.feedFrozen ?? s.feedRows);
  const paused = useAppStore((s) => s.feedFrozen !== null);
  const fresh = useAppStore((s) => s.feedNewSincePause);
  const filter = useAppStore((s) => s.feedFilter);
  const setPaused = useAppStore((s) => s.setFeedPaused);
  const chatterSkipped = useAppStore((s) => s.feedChatterSkipped);
  const visible = useMemo(() => filterFeed(rows, filter), [rows, filter]);
  const list = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 480 });

  // Follow the newest row while live; hold position while paused.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && !paused) el.scrollTop = el.scrollHeight;
  }, [visible, paused]);

  useEffect(() => {
    const el = list.current!;
    const resize = new ResizeObserver(() => setView({ top: el.scrollTop, height: el.clientHeight }));
    resize.observe(el);
    return () => resize.disconnect();
  }, []);

  const onScroll = () => {
    const el = list.current!;
    setView({ top: el.scrollTop, height: el.clientHeight });
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= LIVE_SLACK;
    if (atBottom === paused) setPaused(!atBottom);
  };

  const total = visible.length;
  const top = paused ? view.top : Math.max(0, total * ROW_HEIGHT - view.height);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + view.height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <Panel title="Command feed" testId="feed-panel" className="feed" actions={<FeedFilters />}>
      <div
        className="feed-list"
        ref={list}
        onScroll={onScroll}
        data-testid="feed-list"
        role="log"
        aria-live="off"
      >
        {visible.length === 0 ? (
          <p className="empty">
            {rows.length
              ? 'No commands match the filter.'
              : chatterSkipped
                ? `No commands yet (${fmtCount(chatterSkipped)} ordinary chat lines hidden).`
                : 'Commands from chat will appear here.'}
          </p>
        ) : (
          <div className="feed-spacer" style={{ height: total * ROW_HEIGHT }}>
            <div className="feed-window" style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
              {visible.slice(first, last).map((r, i) => (
                <FeedRow key={r.seq} row={r} odd={(first + i) % 2 === 1} />
              ))}
            </div>
          </div>
        )}
      </div>
      {paused && (
        <button
          className="jump-live"
          data-testid="feed-jump-live"
          onClick={() => {
            setPaused(false);
            const el = list.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          {fresh > 0 ? `${fmtCount(fresh)} new — ` : 'Paused — '}jump to live ↓
        </button>
      )}
    </Panel>
  );
}

const FeedRow = memo(function FeedRow({ row, odd }: { row: Row; odd: boolean }) {
  const accepted = row.outcome === 'accepted';
  return (
    <div
      className={`feed-row ${odd ? 'odd' : ''} ${accepted ? 'accepted' : `refused reason-${row.reason}`}`}
      data-testid="feed-row"
      data-outcome={row.outcome}
      data-reason={row.reason ?? ''}
      data-user={row.userName}
      data-variable={row.variable ?? ''}
    >
      <span className="feed-time">{fmtTime(row.ts)}</span>
      <span className="feed-user">{row.userName}</span>
      <code className="feed-raw">{row.raw}</code>
      <span className={`feed-outcome ${accepted ? 'ok' : 'bad'}`} data-testid="feed-outcome">
        {accepted ? `✓ ${row.value ?? ''}` : `✕ ${REASON_TEXT[row.reason ?? ''] ?? row.reason}`}
      </span>
      <span className="feed-latency">{fmtLatencyUs(row.latencyUs)}</span>
    </div>
  );
});

function FeedFilters() {
  const filter = useAppStore((s) => s.feedFilter);
  const setFilter = useAppStore((s) => s.setFeedFilter);
  const variables = useAppStore(useShallow((s) => s.config?.variables.map((v) => v.name) ?? []));
  return (
    <div className="feed-filters">
      <input
        type="search"
        className="search"
        placeholder="User…"
        aria-label="Filter by user"
        data-testid="feed-filter-user"
        value={filter.user}
        onChange={(e) => setFilter({ user: e.target.value })}
      />
      <select
        aria-label="Filter by variable"
        data-testid="feed-filter-variable"
        value={filter.variable}
        onChange={(e) => setFilter({ variable: e.target.value })}
      >
        <option value="">All variables</option>
        {variables.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by outcome"
        data-testid="feed-filter-outcome"
        value={filter.outcome}
        onChange={(e) => setFilter({ outcome: e.target.value as '' | 'accepted' | 'refused' })}
      >
        <option value="">All outcomes</option>
        <option value="accepted">Accepted</option>
        <option value="refused">Refused</option>
      </select>
      <label className="check" title="Ordinary chat lines (not commands); kept out of the feed unless shown">
        <input
          type="checkbox"
          data-testid="feed-filter-chatter"
          checked={filter.chatter}
          onChange={(e) => setFilter({ chatter: e.target.checked })}
        />
        Chat
      </label>
    </div>
  );
}
