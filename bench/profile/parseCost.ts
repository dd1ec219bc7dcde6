// Per-line cost of turning a tagged PRIVMSG into a ChatMessage: the tmi.js path the adapter used for every
// line (parser.msg → handleMessage → 'message' → ChatDispatcher) against the fast path (parseFastPrivmsg).
//   npx tsx bench/profile/parseCost.ts
import parser from 'tmi.js/lib/parser.js';
import { ChatDispatcher } from '../../electron/core/chat/chatDispatcher';
import { parseFastPrivmsg } from '../../electron/core/chat/fastPrivmsg';
import { createTmiClient } from '../../electron/core/chat/tmiSocket';
import { buildPrivmsgLine } from '../../electron/core/chat/twitchIrcLines';

const lines = Array.from({ length: 1000 }, (_, i) =>
  buildPrivmsgLine('benchstream', { user: `viewer${i}`, userId: String(500_000_000 + i), text: `!seq ${i}` }),
);
const frame = lines.join('\r\n');
let sink = 0;
const client = createTmiClient(new URL('ws://127.0.0.1:9'));
const d = new ChatDispatcher();
d.add((m) => (sink += m.text.length));
client.on('message', d.onMessage);

function time(label: string, fn: (line: string) => void): void {
  for (let warm = 0; warm < 20; warm++) for (const l of frame.split('\r\n')) fn(l);
  const rounds = 100;
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const l of frame.split('\r\n')) fn(l);
  const us = ((performance.now() - t0) * 1000) / (rounds * lines.length);
  console.log(
    `${label}: ${us.toFixed(2)} µs/line (heap delta ${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(1)} MB, GC may hide it)`,
  );
}
time('tmi.js path', (l) => client.handleMessage(parser.msg(l)!));
time('fast path  ', (l) => (sink += parseFastPrivmsg(l, 1)!.text.length));
console.log(sink > 0 ? '' : 'unused');
