// A dashboard watching the engine during a bench scenario, to measure what an open dashboard costs the chat
// path. It runs in its own process, as the Electron window's renderer (or a browser tab) would, connects to
// the engine's WebSocket bridge, asks for what the dashboard asks for on every (re)connect (config, state,
// the last 200 decisions: renderer/src/store/sync.ts) and parses every update it is sent, as the dashboard's
// store does. It prints `dashboard: ready` once the resync is answered, and on SIGTERM one line
// `dashboard: {...}` with what it received, which the bench reads back.
//
//   node out/bench/dashboard-client.mjs ws://127.0.0.1:<port>/bridge
import { WebSocket } from 'ws';

const url = process.argv[2];
if (!url) {
  console.error('usage: dashboard-client <ws://host:port/bridge>');
  process.exit(2);
}

const received = { messages: 0, bytes: 0, byEvent: {} as Record<string, number>, maxParseMs: 0 };
const pending = new Set<number>();
const ws = new WebSocket(url);

ws.on('open', () => {
  const resync = [
    { method: 'getConfig', input: undefined },
    { method: 'getState', input: undefined },
    { method: 'getHistory', input: { limit: 200 } },
  ];
  resync.forEach((request, id) => {
    pending.add(id);
    ws.send(JSON.stringify({ id, ...request }));
  });
});

ws.on('message', (data) => {
  const text = data.toString();
  const started = performance.now();
  const frame = JSON.parse(text) as { id?: number; ok?: boolean; error?: string; event?: string };
  const parseMs = performance.now() - started;
  received.messages++;
  received.bytes += text.length;
  if (parseMs > received.maxParseMs) received.maxParseMs = parseMs;
  if (frame.event) {
    received.byEvent[frame.event] = (received.byEvent[frame.event] ?? 0) + 1;
  } else if (typeof frame.id === 'number' && pending.delete(frame.id)) {
    if (!frame.ok) console.error(`dashboard: request ${frame.id} failed: ${frame.error}`);
    if (pending.size === 0) console.log('dashboard: ready');
  }
});

ws.on('error', (err) => {
  console.error(`dashboard: ${err.message}`);
  process.exit(1);
});
ws.on('close', (code) => {
  console.error(`dashboard: the engine closed the connection (${code})`);
  process.exit(1);
});

process.on('SIGTERM', () => {
  console.log(`dashboard: ${JSON.stringify(received)}`);
  process.exit(0);
});
