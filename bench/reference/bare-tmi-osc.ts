// The PEER: the script a streamer would write in an afternoon. tmi.js reads chat, a regex takes `!name value`,
// osc-js sends the value as a float32 to /cv/<name>. No permissions, no rate limits, no ranges, no analytics:
// the engine does all of that and is held to "no slower than this".
// Run: node --import tsx bench/reference/bare-tmi-osc.ts --server ws://127.0.0.1:PORT --channel NAME --osc 127.0.0.1:7400
import tmi from 'tmi.js';
import OSC from 'osc-js';
import { parseReferenceArgs } from './args';

const args = parseReferenceArgs(process.argv.slice(2));

// 127.0.0.1, not 'localhost': with a name, dgram resolves it on every send (a fair streamer would learn that).
// (osc-js's generated types omit the documented `send` option, hence the cast.)
const pluginOptions = { send: { host: args.oscHost, port: args.oscPort } };
const osc = new OSC({ plugin: new OSC.DatagramPlugin(pluginOptions as { type?: string }) });

const client = new tmi.Client({
  // Never call Twitch's HTTP API: the bench only ever talks to loopback.
  options: { skipUpdatingEmotesets: true, skipMembership: true },
  connection: {
    server: args.server.hostname,
    port: Number(args.server.port),
    secure: false,
    reconnect: false,
  },
  channels: [args.channel],
  logger: { info: () => {}, warn: () => {}, error: (m: string) => console.error(m) },
});

const COMMAND = /^!(\w+)\s+(-?\d+(?:\.\d+)?)\s*$/;

client.on('message', (_channel, _tags, message) => {
  const m = COMMAND.exec(message);
  if (!m) return;
  const msg = new OSC.TypedMessage(`/cv/${m[1]!.toLowerCase()}`, []);
  msg.add('f', Number(m[2]));
  osc.send(msg);
});

client.on('join', (_channel, _user, self) => {
  if (self) console.log('ready');
});

await client.connect();

const stop = (): void => {
  client.disconnect().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
