// The one store, built from slices. Components read it through narrow selectors (useShallow where a
// selector builds an object); charts subscribe to it directly and never re-render React.
import { create } from 'zustand';
import type { AppState, ConnectionSlice, Slice, SettingsSlice, UiSlice, UsersSlice } from './types';
import { createFeedSlice } from './feedSlice';
import { createPerformanceSlice } from './performanceSlice';
import { evaluateAlerts } from '../../../shared/alerts';

const createConnectionSlice: Slice<ConnectionSlice> = (set) => ({
  link: { state: 'connecting', attempt: 0, error: null },
  transport: 'websocket',
  setLink: (link, transport) => set(transport ? { link, transport } : { link }),
});

const createSettingsSlice: Slice<SettingsSlice> = (set) => ({
  config: null,
  setConfig: (config) =>
    set((s) => ({ config, alerts: s.snapshot ? evaluateAlerts(s.snapshot, config.alerts) : s.alerts })),
});

const createUsersSlice: Slice<UsersSlice> = (set) => ({
  users: [],
  usersQuery: '',
  usersError: null,
  setUsers: (users) => set({ users, usersError: null }),
  setUsersQuery: (usersQuery) => set({ usersQuery }),
  setUsersError: (usersError) => set({ usersError }),
});

let toastId = 0;
const createUiSlice: Slice<UiSlice> = (set) => ({
  tab: 'live',
  editing: null,
  toasts: [],
  setTab: (tab) => set({ tab }),
  setEditing: (editing) => set({ editing }),
  pushToast: (kind, text) => set((s) => ({ toasts: [...s.toasts.slice(-3), { id: ++toastId, kind, text }] })),
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
});

export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createConnectionSlice(...a),
    ...createPerformanceSlice(...a),
    ...createSettingsSlice(...a),
    ...createUsersSlice(...a),
    ...createFeedSlice(...a),
    ...createUiSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The page's store. */
export const useAppStore = createAppStore();
