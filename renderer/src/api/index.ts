// Picks how this page reaches the engine: the Electron preload's contract object when it is there,
// otherwise the headless server's WebSocket bridge on the host that served the page.
import type { TwitchCvApi } from '../../../shared/contract';
import { createWsLink, type EngineLink, type LinkStatus } from './wsClient';

export type { EngineLink, LinkStatus } from './wsClient';

/** The bridge URL for a page at `location`, carrying `?token=` over from the page's own URL. */
export function bridgeUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token');
  return `${scheme}://${location.host}/bridge${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

function ipcLink(api: TwitchCvApi): EngineLink {
  // IPC to the main process cannot drop the way a socket can: the link is open for the page's lifetime.
  const status: LinkStatus = { state: 'open', attempt: 0, error: null };
  return { api, transport: 'ipc', status: () => status, onStatus: () => () => {}, close: () => {} };
}

export function createEngineLink(): EngineLink {
  if (window.twitchCv) return ipcLink(window.twitchCv);
  return createWsLink({ url: bridgeUrl(window.location) });
}
