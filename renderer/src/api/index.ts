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

/** A page with no way to the engine (the preload failed to load in the desktop app): say so, do not guess. */
function deadLink(reason: string): EngineLink {
  const status: LinkStatus = { state: 'closed', attempt: 0, error: reason };
  const fail = () => Promise.reject(new Error(reason));
  const api = new Proxy({} as TwitchCvApi, {
    get: (_t, key) => (key === 'on' ? () => () => {} : fail),
  });
  return { api, transport: 'ipc', status: () => status, onStatus: () => () => {}, close: () => {} };
}

export function createEngineLink(): EngineLink {
  if (window.twitchCv) return ipcLink(window.twitchCv);
  const { protocol } = window.location;
  if (protocol !== 'http:' && protocol !== 'https:')
    return deadLink('the desktop app did not expose the engine to this window (preload missing)');
  return createWsLink({ url: bridgeUrl(window.location) });
}
