// The contract over the headless server's WebSocket bridge, for the dashboard running in a plain browser.
// Requests are JSON frames matched to replies by id; each has a timeout, so a dead engine shows up as an
// error instead of a button that spins forever. The link reconnects by itself with backoff, and requests
// made while it is down wait for it (within their timeout) rather than failing at once.
import {
  REQUEST_NAMES,
  type EventName,
  type EventPayloads,
  type RequestName,
  type TwitchCvApi,
} from '../../../shared/contract';

export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LinkStatus {
  state: LinkState;
  /** Reconnect attempts since the link was last open. */
  attempt: number;
  /** Why the link is not open (close reason), null while healthy. */
  error: string | null;
}

/** The engine as the UI sees it: the contract plus the health of the link to it. */
export interface EngineLink {
  api: TwitchCvApi;
  transport: 'ipc' | 'websocket';
  status(): LinkStatus;
  onStatus(listener: (status: LinkStatus) => void): () => void;
  close(): void;
}

/** The subset of the browser WebSocket this client uses (so tests can pass the `ws` package's class). */
type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close' | 'addEventListener'>;
type SocketFactory = new (url: string) => SocketLike;

export interface WsLinkOptions {
  url: string;
  requestTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  WebSocketImpl?: SocketFactory;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
  frame: string;
  sent: boolean;
}

const OPEN = 1;

/**
 * Requests that legitimately take longer than the default: joining a channel waits for Twitch, and saving
 * settings resolves OSC host names.
 */
const SLOW_REQUESTS: Partial<Record<RequestName, number>> = { connect: 30_000, updateSettings: 20_000 };

export function createWsLink(options: WsLinkOptions): EngineLink {
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const minDelay = options.reconnectMinMs ?? 250;
  const maxDelay = options.reconnectMaxMs ?? 5_000;
  const Impl: SocketFactory = options.WebSocketImpl ?? (globalThis.WebSocket as unknown as SocketFactory);

  let socket: SocketLike | null = null;
  let status: LinkStatus = { state: 'connecting', attempt: 0, error: null };
  let closed = false;
  let nextId = 1;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, Pending>();
  const statusListeners = new Set<(s: LinkStatus) => void>();
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();

  function setStatus(next: LinkStatus): void {
    status = next;
    for (const l of statusListeners) l(status);
  }

  function flush(): void {
    if (!socket || socket.readyState !== OPEN) return;
    for (const p of pending.values()) {
      if (p.sent) continue;
      socket.send(p.frame);
      p.sent = true;
    }
  }

  function onMessage(data: unknown): void {
    let msg: {
      id?: number;
      ok?: boolean;
      result?: unknown;
      error?: string;
      event?: EventName;
      payload?: unknown;
    };
    try {
      msg = JSON.parse(String(data));
    } catch {
      return; // the server only sends JSON; anything else is not ours to act on
    }
    if (typeof msg.id === 'number') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error ?? 'request failed'));
    } else if (msg.event) {
      const set = eventListeners.get(msg.event);
      if (set) for (const l of set) (l as (p: unknown) => void)(msg.payload);
    }
  }

  function scheduleReconnect(reason: string): void {
    if (closed || retryTimer) return;
    const attempt = status.attempt + 1;
    // Exponential backoff with jitter, so many dashboards do not reconnect in lockstep after a restart.
    const base = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt - 1, 10));
    const delay = base / 2 + Math.random() * (base / 2);
    setStatus({ state: 'reconnecting', attempt, error: reason });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open();
    }, delay);
  }

  function open(): void {
    if (closed) return;
    let ws: SocketLike;
    try {
      ws = new Impl(options.url);
    } catch (err) {
      scheduleReconnect((err as Error).message);
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      setStatus({ state: 'open', attempt: 0, error: null });
      flush();
    });
    ws.addEventListener('message', (ev) => {
      if (socket === ws) onMessage((ev as MessageEvent).data);
    });
    ws.addEventListener('close', (ev) => {
      if (socket !== ws) return;
      socket = null;
      const { code, reason } = ev as CloseEvent;
      // Sent requests may or may not have been applied: say so rather than guess or resend.
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        clearTimeout(p.timer);
        p.reject(new Error('lost the connection to the engine before it answered'));
      }
      scheduleReconnect(reason || (code === 1006 ? 'engine unreachable' : `closed (${code})`));
    });
    ws.addEventListener('error', () => {
      // 'close' always follows; it carries the reason.
    });
  }

  function call(method: RequestName, input: unknown): Promise<unknown> {
    if (closed) return Promise.reject(new Error('the link to the engine is closed'));
    const id = nextId++;
    const frame = JSON.stringify(input === undefined ? { id, method } : { id, method, input });
    const limitMs = Math.max(timeoutMs, SLOW_REQUESTS[method] ?? 0);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(
          new Error(
            status.state === 'open'
              ? `the engine did not answer "${method}" within ${limitMs / 1000} s`
              : `not connected to the engine (${status.error ?? status.state})`,
          ),
        );
      }, limitMs);
      pending.set(id, { resolve, reject, timer, frame, sent: false });
      flush();
    });
  }

  const api = {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
      let set = eventListeners.get(event);
      if (!set) eventListeners.set(event, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  } as Record<string, unknown>;
  for (const name of REQUEST_NAMES) api[name] = (input?: unknown) => call(name, input);

  open();

  return {
    api: api as unknown as TwitchCvApi,
    transport: 'websocket',
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('the link to the engine is closed'));
      }
      pending.clear();
      socket?.close(1000, 'dashboard closed');
      socket = null;
      setStatus({ state: 'closed', attempt: 0, error: null });
    },
  };
}
