// The command feed: a bounded ring of the newest decisions. While the streamer scrolls back to read, the
// view holds still on a frozen copy and counts what arrived, instead of shifting rows under their eyes.
import type { CommandEvent } from '../../../shared/domain';
import type { FeedFilter, FeedRow, FeedSlice, Slice } from './types';

export const FEED_CAPACITY = 500;

function toRows(events: CommandEvent[], firstSeq: number): FeedRow[] {
  const rows = new Array<FeedRow>(events.length);
  for (let i = 0; i < events.length; i++) rows[i] = { ...events[i]!, seq: firstSeq + i };
  return rows;
}

export const createFeedSlice: Slice<FeedSlice> = (set) => ({
  feedRows: [],
  feedFrozen: null,
  feedNewSincePause: 0,
  feedDropped: 0,
  feedFilter: { user: '', variable: '', outcome: '' },
  feedSeq: 0,
  pushCommands: ({ events, dropped }) =>
    set((s) => {
      if (events.length === 0 && dropped === 0) return s;
      // Only the newest FEED_CAPACITY of a big batch can ever be shown: skip copying the rest.
      const keep = events.length > FEED_CAPACITY ? events.slice(events.length - FEED_CAPACITY) : events;
      const fresh = toRows(keep, s.feedSeq + (events.length - keep.length));
      const merged =
        s.feedRows.length + fresh.length > FEED_CAPACITY
          ? s.feedRows.slice(s.feedRows.length + fresh.length - FEED_CAPACITY).concat(fresh)
          : s.feedRows.concat(fresh);
      return {
        feedRows: merged,
        feedSeq: s.feedSeq + events.length,
        feedDropped: s.feedDropped + dropped,
        feedNewSincePause: s.feedFrozen ? s.feedNewSincePause + events.length + dropped : 0,
      };
    }),
  replaceFeed: (events) =>
    set((s) => {
      const keep = events.slice(-FEED_CAPACITY);
      return { feedRows: toRows(keep, s.feedSeq), feedSeq: s.feedSeq + keep.length, feedNewSincePause: 0 };
    }),
  setFeedPaused: (paused) =>
    set((s) => {
      if (paused === (s.feedFrozen !== null)) return s;
      return paused
        ? { feedFrozen: s.feedRows, feedNewSincePause: 0 }
        : { feedFrozen: null, feedNewSincePause: 0 };
    }),
  setFeedFilter: (filter) => set((s) => ({ feedFilter: { ...s.feedFilter, ...filter } })),
});

/** Rows matching the filter; the user filter matches a part of the name, case-insensitively. */
export function filterFeed(rows: FeedRow[], filter: FeedFilter): FeedRow[] {
  const user = filter.user.trim().toLowerCase();
  if (!user && !filter.variable && !filter.outcome) return rows;
  return rows.filter(
    (r) =>
      (!user || r.userName.toLowerCase().includes(user)) &&
      (!filter.variable || r.variable === filter.variable) &&
      (!filter.outcome || r.outcome === filter.outcome),
  );
}
