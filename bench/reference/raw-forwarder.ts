// The FLOOR: the least work that still turns a chat line into an OSC datagram. A bare `ws` client speaks just
// enough IRC to be let into the channel (CAP, NICK, wait for 376, JOIN, answer PING), then copies the number at
// the end of each PRIVMSG into a float32 after a constant `/cv/seq ,f` prefix. No tag parsing, no checks.
// Run: node --import tsx bench/reference/raw-forwarder.ts --server ws://127.0.0.1:PORT --channel NAME --osc 127.0.0.1:7400
import dgram from 'node:dgram';
import WebSocket from 'ws';
import { parseReferenceArgs } from './args';

const args = parseReferenceArgs(process.argv.slice(2));
const channel = args.channel.toLowerCase();

const PREFIX = Buffer.from('/cv/seq\0,f\0\0', 'latin1'); // address padded to 8 bytes, type tags to 4
const udp = dgram.createSocket('udp4');
udp.connect(args.oscPort, args.oscHost);
udp.on('error', () => {}); // nobody listening yet: ICMP refusals are not our problem here

const ws = new WebSocket(args.server.href);
ws.on('open', () => {
  ws.send('CAP REQ :twitch.tv/tags twitch.tv/commands');
  ws.send('PASS SCHMOOPIIE');
  ws.send(`NICK justinfan${10_000 + Math.floor(Math.random() * 80_000)}`);
});

ws.on('message', (data: Buffer) => {
  const text = data.toString('latin1');
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\r\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    start = end + 2;
    if (line.includes(' PRIVMSG #')) forward(line);
    else if (line.startsWith('PING')) ws.send('PONG :tmi.twitch.tv');
    else if (line.includes(' 376 ')) ws.send(`JOIN #${channel}`);
    else if (line.includes(' JOIN #')) console.log('ready');
  }
});
ws.on('close', () => process.exit(0));
ws.on('error', (err) => {
  console.error(`raw forwarder: ${err.message}`);
  process.exit(1);
});

function forward(line: string): void {
  const value = Number(line.slice(line.lastIndexOf(' ') + 1));
  if (!Number.isFinite(value)) return;
  const buf = Buffer.allocUnsafe(PREFIX.length + 4); // dgram reads the buffer after send() returns
  PREFIX.copy(buf, 0);
  buf.writeFloatBE(value, PREFIX.length);
  udp.send(buf);
}

const stop = (): void => {
  ws.close();
  udp.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
