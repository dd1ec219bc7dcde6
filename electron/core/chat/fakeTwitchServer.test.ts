import parser from 'tmi.js/lib/parser.js';
import utils from 'tmi.js/lib/utils.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from '../../../test/helpers/waitFor';
import { FakeTwitchServer } from './fakeTwitchServer';
import { escapeTagValue, unescapeTagValue } from './twitchIrcLines';

/** A bare IRC-over-WebSocket client: every frame is kept, every line too. */
async function rawClient(url: string): Promise<{
  ws: WebSocket;
  frames: string[];
  lines: () => string[];
  send: (...lines: string[]) => void;
  closed: Promise<number>;
}> {
  const ws = new WebSocket(url, 'irc');
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(d.toString()));
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  return {
    ws,
    frames,
    lines: () => frames.flatMap((f) => f.split('\r\n')),
    send: (...lines) => lines.forEach((l) => ws.send(l)),
    closed,
  };
}

let server: FakeTwitchServer;
afterEach(async () => {
  await server?.stop();
});

async function started(opts: ConstructorParameters<typeof FakeTwitchServer>[0] = {}): Promise<string> {
  server = new FakeTwitchServer(opts);
  const { url, port } = await server.start();
  expect(url).toBe(`ws://127.0.0.1:${port}`);
  return url;
}

describe('FakeTwitchServer protocol', () => {
  it('acknowledges caps and sends the welcome sequence to an anonymous justinfan', async () => {
    const c = await rawClient(await started());
    c.send(
      'CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership',
      'PASS SCHMOOPIIE',
      'NICK justinfan12345',
    );
    await waitFor(() => c.lines().some((l) => l.includes(' 376 ')));
    expect(c.lines()).toEqual([
      ':tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands twitch.tv/membership',
      ':tmi.twitch.tv 001 justinfan12345 :Welcome, GLHF!',
      ':tmi.twitch.tv 002 justinfan12345 :Your host is tmi.twitch.tv',
      ':tmi.twitch.tv 003 justinfan12345 :This server is rather new',
      ':tmi.twitch.tv 004 justinfan12345 :-',
      ':tmi.twitch.tv 375 justinfan12345 :-',
      ':tmi.twitch.tv 372 justinfan12345 :You are in a maze of twisty passages, all alike.',
      ':tmi.twitch.tv 376 justinfan12345 :>',
    ]);
    expect(server.clientCount()).toBe(1);
  });

  it('logs in with a token, sends GLOBALUSERSTATE, and answers JOIN with echo, NAMES, USERSTATE, ROOMSTATE', async () => {
    const c = await rawClient(await started({ acceptToken: (t) => t === 'goodtoken' }));
    c.send('CAP REQ :twitch.tv/tags', 'PASS oauth:goodtoken', 'NICK Streamer');
    await waitFor(() => c.lines().some((l) => l.includes('GLOBALUSERSTATE')));
    c.send('JOIN #SynthStream');
    await server.waitForJoin('synthstream');
    await waitFor(() => c.lines().some((l) => l.includes('ROOMSTATE')));
    const joinLines = c.lines().slice(c.lines().findIndex((l) => l.includes(' JOIN ')));
    expect(joinLines.map((l) => parser.msg(l)!.command)).toEqual([
      'JOIN',
      '353',
      '366',
      'USERSTATE',
      'ROOMSTATE',
    ]);
    expect(joinLines[0]).toBe(':streamer!streamer@streamer.tmi.twitch.tv JOIN #synthstream');
    expect(server.joinedChannels()).toEqual(['synthstream']);
    c.send('PART #synthstream');
    await waitFor(() => c.lines().includes(':streamer!streamer@streamer.tmi.twitch.tv PART #synthstream'));
    expect(server.joinedChannels()).toEqual([]);
  });

  it('rejects a bad token with the real NOTICE and closes the socket', async () => {
    const c = await rawClient(await started({ acceptToken: () => false }));
    c.send('PASS oauth:nope', 'NICK someone');
    await c.closed;
    expect(c.lines()).toEqual([':tmi.twitch.tv NOTICE * :Login authentication failed']);
  });

  it('answers PING with an unprefixed PONG and can PING clients', async () => {
    const c = await rawClient(await started());
    c.send('NICK justinfan1', 'PING :tmi.twitch.tv');
    await waitFor(() => c.lines().includes('PONG :tmi.twitch.tv'));
    const pong = new Promise((r) => server.once('pong', r));
    server.ping();
    await waitFor(() => c.lines().includes('PING :tmi.twitch.tv'));
    c.send('PONG :tmi.twitch.tv');
    await pong;
  });

  it('refuses channels configured as suspended, the way Twitch does', async () => {
    const c = await rawClient(await started({ rejectChannels: ['#banned'] }));
    c.send('NICK justinfan1', 'JOIN #banned');
    await waitFor(() => c.lines().some((l) => l.includes('NOTICE #banned')));
    const notice = parser.msg(c.lines().find((l) => l.includes('NOTICE #banned'))!)!;
    expect(notice.tags['msg-id']).toBe('msg_channel_suspended');
    expect(server.joinedChannels()).toEqual([]);
  });

  it('builds tagged PRIVMSGs with Twitch tags, in Twitch order, per role', async () => {
    await started();
    const line = server.buildPrivmsg('#Chan', {
      user: 'ViewerOne',
      text: '!cutoff 70',
      id: 'abc',
      sentTs: 1700000000123,
      role: 'vip',
    });
    const [tags, rest] = [line.slice(1, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    expect(tags.split(';').map((t) => t.split('=')[0])).toEqual([
      'badge-info',
      'badges',
      'color',
      'display-name',
      'emotes',
      'first-msg',
      'flags',
      'id',
      'mod',
      'returning-chatter',
      'room-id',
      'subscriber',
      'tmi-sent-ts',
      'turbo',
      'user-id',
      'user-type',
      'vip',
    ]);
    expect(rest).toBe(':viewerone!viewerone@viewerone.tmi.twitch.tv PRIVMSG #chan :!cutoff 70');
    const parsed = parser.msg(line)!;
    expect(parsed.tags).toMatchObject({
      badges: 'vip/1',
      vip: '1',
      mod: '0',
      id: 'abc',
      'tmi-sent-ts': '1700000000123',
      'display-name': 'ViewerOne',
    });
    const mod = parser.msg(server.buildPrivmsg('chan', { user: 'm', text: 'x', role: 'moderator' }))!.tags;
    expect(mod).toMatchObject({ badges: 'moderator/1', mod: '1', 'user-type': 'mod' });
    expect(mod).not.toHaveProperty('vip');
    const b = parser.msg(server.buildPrivmsg('chan', { user: 'chan', text: 'x', role: 'broadcaster' }))!.tags;
    expect(b['user-id']).toBe(b['room-id']);
    const sub = parser.msg(
      server.buildPrivmsg('chan', { user: 's', text: 'x', role: 'subscriber', extraTags: { bits: '100' } }),
    )!.tags;
    expect(sub).toMatchObject({ subscriber: '1', bits: '100' });
    // Same user, same id: a stable identity across messages.
    expect(parser.msg(server.buildPrivmsg('chan', { user: 'u', text: '1' }))!.tags['user-id']).toBe(
      parser.msg(server.buildPrivmsg('chan', { user: 'U', text: '2' }))!.tags['user-id'],
    );
  });

  it('escapes tag values per IRCv3 so tmi.js reads them back', () => {
    const values = [
      'plain',
      'two words',
      'semi;colon',
      'back\\slash',
      'all of ; them \\ here',
      'trailing\\',
      '\\s literal',
    ];
    for (const value of values) {
      const escaped = escapeTagValue(value);
      expect(escaped).not.toMatch(/[ ;\r\n]/);
      expect(unescapeTagValue(escaped)).toBe(value);
      const line = `@display-name=${escaped};id=x :u!u@u.tmi.twitch.tv PRIVMSG #c :hi`;
      const tag = parser.msg(line)!.tags['display-name'] as string;
      expect(utils.unescapeIRC(tag)).toBe(value);
    }
    // CR and LF are escaped too; tmi.js (unlike the spec) drops them when unescaping.
    expect(escapeTagValue('a\r\nb')).toBe('a\\r\\nb');
    expect(unescapeTagValue('a\\r\\nb')).toBe('a\r\nb');
    expect(utils.unescapeIRC('a\\r\\nb')).toBe('ab');
  });

  it('sends sayLines as one frame, and say only to clients in that channel', async () => {
    const url = await started();
    const inChan = await rawClient(url);
    const elsewhere = await rawClient(url);
    inChan.send('NICK justinfan1', 'JOIN #a');
    elsewhere.send('NICK justinfan2', 'JOIN #b');
    await server.waitForJoin('a');
    await server.waitForJoin('b');
    await waitFor(() => inChan.lines().some((l) => l.includes('ROOMSTATE')));
    const before = inChan.frames.length;
    const lines = [1, 2, 3].map((i) => server.buildPrivmsg('a', { user: `u${i}`, text: `!x ${i}` }));
    expect(server.sayLines(lines, 'a')).toBe(1);
    expect(server.say('a', { user: 'solo', text: 'hello' })).toBe(1);
    await waitFor(() => inChan.frames.length === before + 2);
    expect(inChan.frames[before]).toBe(lines.join('\r\n'));
    expect(elsewhere.lines().some((l) => l.includes('PRIVMSG'))).toBe(false);
  });

  it('reconnectAll sends RECONNECT then closes; dropAll closes abruptly; waitForJoin sees the rejoin', async () => {
    const url = await started({ reconnectGraceMs: 50 });
    const c = await rawClient(url);
    c.send('NICK justinfan1', 'JOIN #a');
    await server.waitForJoin('a');
    server.reconnectAll();
    expect(server.joinedChannels()).toEqual([]);
    expect(server.clientCount()).toBe(0);
    const rejoined = server.waitForJoin('a', 2000);
    await c.closed;
    expect(c.lines()).toContain(':tmi.twitch.tv RECONNECT');
    const c2 = await rawClient(url);
    c2.send('NICK justinfan2', 'JOIN #a');
    await rejoined;
    server.dropAll();
    expect(await c2.closed).toBe(1006);
    await expect(server.waitForJoin('nobody', 50)).rejects.toThrow('no client joined #nobody within 50 ms');
  });

  it('answers unknown commands with 421', async () => {
    const c = await rawClient(await started());
    c.send('NICK justinfan1', 'WHO #a');
    await waitFor(() => c.lines().includes(':tmi.twitch.tv 421 justinfan1 WHO :Unknown command'));
  });
});
