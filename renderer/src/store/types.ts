// The shape of the one store. Each slice owns its part; components read through narrow selectors.
import type { StateCreator } from 'zustand';
import type { Alert } from '../../../shared/alerts';
import type { Config } from '../../../shared/config';
import type { CommandEvent, EngineStateSnapshot, Outcome, UserView } from '../../../shared/domain';
import type { LinkStatus } from '../api/wsClient';

export interface ConnectionSlice {
  link: LinkStatus;
  transport: 'ipc' | 'websocket';
  setLink(link: LinkStatus, transport?: 'ipc' | 'websocket'): void;
}

/** Columns for the latency chart, oldest first: seconds since epoch and milliseconds. */
export interface PerfHistory {
  t: number[];
  p50: number[];
  p95: number[];
  p99: number[];
  cps: number[];
}

export interface PerformanceSlice {
  snapshot: EngineStateSnapshot | null;
  history: PerfHistory;
  alerts: Alert[];
  applySnapshot(snapshot: EngineStateSnapshot): void;
}

export interface SettingsSlice {
  config: Config | null;
  setConfig(config: Config): void;
}

export interface UsersSlice {
  users: UserView[];
  usersQuery: string;
  usersError: string | null;
  setUsers(users: UserView[]): void;
  setUsersQuery(query: string): void;
  setUsersError(error: string | null): void;
}

export interface FeedRow extends CommandEvent {
  /** Arrival order in this page, a stable React key. */
  seq: number;
}

export interface FeedFilter {
  user: string;
  variable: string;
  outcome: Outcome | '';
  /** Keep ordinary chat lines (refused as `not_a_command`) in the feed; off by default. */
  chatter: boolean;
}

export interface FeedSlice {
  /** The newest rows, oldest first, at most FEED_CAPACITY. */
  feedRows: FeedRow[];
  /** What the streamer is reading while paused (the live rows keep moving underneath). */
  feedFrozen: FeedRow[] | null;
  /** Rows that arrived since the pause (including ones the engine could not send). */
  feedNewSincePause: number;
  /** Rows the engine dropped under load and never sent (its batches are capped). */
  feedDropped: number;
  /** Ordinary chat lines left out of the feed while `feedFilter.chatter` is off. */
  feedChatterSkipped: number;
  feedFilter: FeedFilter;
  feedSeq: number;
  pushCommands(batch: { events: CommandEvent[]; dropped: number }): void;
  replaceFeed(events: CommandEvent[]): void;
  setFeedPaused(paused: boolean): void;
  setFeedFilter(filter: Partial<FeedFilter>): void;
}

export type Tab = 'live' | 'settings';

/** Not a valid variable name, so it cannot collide with one. */
export const NEW_VARIABLE = '+new';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  tab: Tab;
  /** Name of the variable open in the editor, NEW_VARIABLE for a new one, null when closed. */
  editing: string | null;
  toasts: Toast[];
  setTab(tab: Tab): void;
  setEditing(editing: string | null): void;
  pushToast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
}

export type AppState = ConnectionSlice & PerformanceSlice & SettingsSlice & UsersSlice & FeedSlice & UiSlice;

export type Slice<T> = StateCreator<AppState, [], [], T>;
