// The command feed: a bounded ring of the newest decisions. While the streamer scrolls back to read, the
// view holds still on a frozen copy and counts what arrived, instead of shifting rows under their eyes.
// Ordinary chat (refused as `not_a_command`) stays out of the ring unless asked for: in a busy chat it
// would otherwise push the commands out of the 500 rows.
import type { CommandEvent } from '../../../shared/domain';
import type { FeedFilter, FeedRow, FeedSlice, Slice } from './types';

export const FEED_CAPACITY = 500;

function toRows(events: CommandEvent[], firstSeq: number): FeedRow[] {
  const rows = new Array<FeedRow>(events.length);
  for (let i = 0; i < events.length; i++) rows[i] = { ...events[i]!, seq: firstSeq + i };
  return rows;
}

const isChatter = (e: CommandEvent) => e.reason === 'not_a_command';

export const createFeedSlice: Slice<FeedSlice> = (set) => ({
  feedRows: [],
  feedFrozen: null,
  feedNewSincePause: 0,
  feedDropped: 0,
  feedChatterSkipped: 0,
  feedFilter: { user: '', variable: '', outcome: '', chatter: false },
  feedSeq: 0,
  pushCommands: (batch) =>
    set((s) => {
      let events = batch.events;
      const dropped = batch.dropped;
      let skipped = 0;
      if (!s.feedFilter.chatter && events.some(isChatter)) {
        const kept = events.filter((e) => !isChatter(e));
        skipped = events.length - kept.length;
        events = kept;
      }
      if (events.length === 0 && dropped === 0)
        return skipped ? { feedChatterSkipped: s.feedChatterSkipped + skipped } : s;
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
        feedChatterSkipped: s.feedChatterSkipped + skipped,
        feedNewSincePause: s.feedFrozen ? s.feedNewSincePause + events.length + dropped : 0,
      };
    }),
  replaceFeed: (events) =>
    set((s) => {
      const keep = (s.feedFilter.chatter ? events : events.filter((e) => !isChatter(e))).slice(
        -FEED_CAPACITY,
      );
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

/**
 * Rows matching the filter; the user filter matches a part of the name, case-insensitively. Returns `rows`
 * itself when nothing is filtered, so memoised views do not re-render.
 */
export function filterFeed(rows: FeedRow[], filter: FeedFilter): FeedRow[] {
  const user = filter.user.trim().toLowerCase();
  if (!user && !filter.variable && !filter.outcome && filter.chatter) return rows;
  return rows.filter(
    (r) =>
      (filter.chatter || !isChatter(r)) &&
      (!user || r.userName.toLowerCase().includes(user)) &&
      (!filter.variable || r.variable === filter.variable) &&
      (!filter.outcome || r.outcome === filter.outcome),
  );
}
