// Feeds the store from the engine: pushed events as they come, and a full resync (config, state, recent
// history) every time the link (re)opens, so a dashboard that lost its connection never shows stale data.
import type { EngineLink } from '../api/wsClient';
import type { AppStore } from './index';

export function syncStoreWithEngine(link: EngineLink, store: AppStore): () => void {
  const { api } = link;
  const s = () => store.getState();

  async function resync(): Promise<void> {
    const [config, state, history] = await Promise.allSettled([
      api.getConfig(),
      api.getState(),
      api.getHistory({ limit: 200 }),
    ]);
    if (config.status === 'fulfilled') s().setConfig(config.value);
    if (state.status === 'fulfilled') s().applySnapshot(state.value);
    if (history.status === 'fulfilled') s().replaceFeed([...history.value].sort((a, b) => a.ts - b.ts));
    const failed = [config, state].find((r) => r.status === 'rejected');
    if (failed)
      s().pushToast('error', `Could not load the engine's state: ${(failed.reason as Error).message}`);
  }

  const offs = [
    api.on('snapshot', (snapshot) => s().applySnapshot(snapshot)),
    api.on('commands', (batch) => s().pushCommands(batch)),
    api.on('config', (config) => s().setConfig(config)),
    link.onStatus((status) => {
      s().setLink(status);
      if (status.state === 'open') void resync();
    }),
  ];
  s().setLink(link.status(), link.transport);
  if (link.status().state === 'open') void resync();
  return () => offs.forEach((off) => off());
}
