// The headless dashboard's WebSocket bridge: the same contract the Electron preload exposes, spoken as JSON
// text frames, so the identical renderer runs in any browser. It guards the engine from its clients: only
// loopback (or a token holder) may connect, a client that sends anything malformed is dropped on the spot,
// and a slow client has snapshots skipped instead of growing the server's memory.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createHash, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import {
  isRequestName,
  parseRequestInput,
  type ContractHost,
  type EventName,
  type EventPayloads,
} from '../../../shared/contract';

export interface BridgeOptions {
  /** URL path the bridge answers upgrades on. */
  path?: string;
  /** When set, any address may connect but must present `?token=` equal to it. */
  token?: string;
  /** Largest text frame a client may send (requests are tiny; anything bigger is hostile). */
  maxFrameBytes?: number;
  maxClients?: number;
  /** Above this many unsent bytes a client gets no snapshots or feed rows until it drains. */
  maxBufferedBytes?: number;
  /** Requests one client may have awaiting the engine at once; more and it is dropped. */
  maxInFlight?: number;
}

export interface BridgeStats {
  clients: number;
  /** Events not sent to a client because it was too far behind. */
  skippedEvents: number;
  /** Clients dropped for breaking the protocol. */
  droppedClients: number;
}

export interface Bridge {
  close(): Promise<void>;
  clientCount(): number;
  stats(): BridgeStats;
}

/** WebSocket close codes (RFC 6455 §7.4.1). */
const POLICY_VIOLATION = 1008;
const GOING_AWAY = 1001;

interface ClientState {
  inFlight: number;
  /** Feed rows this client missed while behind; reported in its next `commands` event. */
  missedCommands: number;
}

/** 127.0.0.0/8, ::1 and IPv4-mapped 127.x: the only peers trusted without a token. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  if (address === '::1' || address === '0:0:0:0:0:0:0:1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Browsers always send Origin on WebSocket upgrades; it must name this server, so other sites cannot drive it. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true; // not a browser (CLI tools, tests): nothing to forge
  if (!host) return false;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // Normalise the Host header the same way (default ports dropped, case folded) before comparing.
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false; // includes the literal "null" origin of file:// pages and sandboxed frames
  }
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (given === null) return false;
  // Hash both sides so the comparison is constant-time regardless of the lengths involved.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

interface Request {
  id: number;
  method: unknown;
  input?: unknown;
}

function parseFrame(data: RawData): Request | null {
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return value as Request;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function attachBridge(server: http.Server, host: ContractHost, opts: BridgeOptions = {}): Bridge {
  const path = opts.path ?? '/bridge';
  const maxClients = opts.maxClients ?? 32;
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const maxInFlight = opts.maxInFlight ?? 64;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxFrameBytes ?? 64 * 1024,
    clientTracking: true,
    perMessageDeflate: false, // compression costs CPU on the engine's thread for every snapshot
  });
  const clients = new Map<WebSocket, ClientState>();
  let skippedEvents = 0;
  let droppedClients = 0;
  let closed = false;

  function drop(ws: WebSocket, reason: string): void {
    droppedClients++;
    ws.close(POLICY_VIOLATION, reason);
    // A client that ignores the close handshake must not hold the slot.
    setTimeout(() => ws.terminate(), 1000).unref();
  }

  function send(ws: WebSocket, frame: string): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  }

  function onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    if (url.pathname !== path) {
      // Leave other paths to other upgrade handlers; if there are none, nobody would ever answer.
      if (server.listenerCount('upgrade') === 1) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closed) return refuseUpgrade(socket, 503, 'Service Unavailable');
    if (opts.token !== undefined) {
      if (!tokenMatches(url.searchParams.get('token'), opts.token))
        return refuseUpgrade(socket, 401, 'Unauthorized');
    } else if (!isLoopbackAddress(req.socket.remoteAddress)) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    if (!isSameOrigin(req.headers.origin, req.headers.host)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (clients.size >= maxClients) return refuseUpgrade(socket, 503, 'Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  }

  // Subscribed to the engine only while somebody watches: a subscriber makes the engine keep a live feed of
  // every decision and build a snapshot ten times a second (a few hundred microseconds on the thread that
  // forwards chat, each time), work that a headless engine with no dashboard open should not pay for.
  let unsubscribe: (() => void) | null = null;
  function addClient(ws: WebSocket, state: ClientState): void {
    clients.set(ws, state);
    unsubscribe ??= host.subscribe(broadcast);
  }
  function removeClient(ws: WebSocket): void {
    if (!clients.delete(ws) || clients.size > 0 || !unsubscribe) return;
    unsubscribe();
    unsubscribe = null;
  }

  function onConnection(ws: WebSocket): void {
    const state: ClientState = { inFlight: 0, missedCommands: 0 };
    addClient(ws, state);
    ws.on('close', () => removeClient(ws));
    // ws emits 'error' for oversized frames (and closes with 1009 itself); a listener keeps it from throwing.
    ws.on('error', () => removeClient(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return drop(ws, 'binary frames are not part of the protocol');
      const request = parseFrame(data);
      if (!request) return drop(ws, 'malformed request');
      if (!isRequestName(request.method)) return drop(ws, 'unknown method');
      if (state.inFlight >= maxInFlight) return drop(ws, 'too many requests in flight');
      const { id, method } = request;
      const parsed = parseRequestInput(method, request.input);
      if (!parsed.ok) return send(ws, JSON.stringify({ id, ok: false, error: parsed.error }));
      state.inFlight++;
      host.handle(method, parsed.value).then(
        (result) => {
          state.inFlight--;
          send(ws, JSON.stringify({ id, ok: true, result }));
        },
        (err: unknown) => {
          state.inFlight--;
          send(ws, JSON.stringify({ id, ok: false, error: errorMessage(err) }));
        },
      );
    });
  }

  function broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    if (clients.size === 0) return;
    const frame = JSON.stringify({ event, payload }); // once per event, whatever the number of clients
    const droppable = event !== 'config';
    const rows = event === 'commands' ? (payload as EventPayloads['commands']).events.length : 0;
    for (const [ws, state] of clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (droppable && ws.bufferedAmount > maxBuffered) {
        skippedEvents++;
        if (event === 'commands')
          state.missedCommands += rows + (payload as EventPayloads['commands']).dropped;
        continue;
      }
      if (event === 'commands' && state.missedCommands > 0) {
        // Tell a client that caught up how much of the feed it missed, so its count stays honest.
        const p = payload as EventPayloads['commands'];
        ws.send(
          JSON.stringify({ event, payload: { events: p.events, dropped: p.dropped + state.missedCommands } }),
        );
        state.missedCommands = 0;
        continue;
      }
      ws.send(frame);
    }
  }

  server.on('upgrade', onUpgrade);

  return {
    clientCount: () => clients.size,
    stats: () => ({ clients: clients.size, skippedEvents, droppedClients }),
    close: () => {
      if (closed) return Promise.resolve();
      closed = true;
      unsubscribe?.();
      unsubscribe = null;
      server.off('upgrade', onUpgrade);
      const waits = [...clients.keys()].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close(GOING_AWAY, 'server shutting down');
            setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1000).unref();
          }),
      );
      return Promise.all(waits).then(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    },
  };
}
