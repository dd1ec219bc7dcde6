// Run in a child process (see tmiChatSource.websocket.test.ts) so the adapter can be checked with a
// WebSocket implementation chosen by Node flags: prints one JSON line with what it observed.
import type { ChatMessage } from '../../../../shared/domain';
import { FakeTwitchServer } from '../fakeTwitchServer';
import { TmiChatSource } from '../tmiChatSource';
import { socketImplementation } from '../tmiSocket';

const server = new FakeTwitchServer();
const { url } = await server.start();
const chat = new TmiChatSource({ server: url, connectTimeoutMs: 5000 });
const messages: ChatMessage[] = [];
chat.onMessage((m) => messages.push(m));
await chat.connect(['probe']);
server.sayLines([1, 2, 3].map((n) => server.buildPrivmsg('probe', { user: 'u', text: `line ${n}` })));
server.say('probe', { user: 'u', text: 'line 4' });
const deadline = Date.now() + 5000;
while (messages.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
await chat.disconnect();
await server.stop();
console.log(
  JSON.stringify({
    socketImplementation,
    texts: messages.map((m) => m.text),
    arrivals: messages.map((m) => m.arrivalMs),
  }),
);
