// The load sender against a real WebSocket client: paced sends land in the sequence table, and a subject that
// stops reading gets commands held back instead of an unbounded buffer in the bench process.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { epochNowMs } from '../../bench/clock';
import { BACKPRESSURE_BYTES, BENCH_CHANNEL, LoadSender } from '../../bench/load/sender';
import { SeqTable } from '../../bench/load/seqTable';

let sender: LoadSender | null = null;
let client: WebSocket | null = null;
afterEach(async () => {
  client?.terminate();
  await sender?.stop();
  sender = client = null;
});

async function joinedClient(url: string): Promise<{ ws: WebSocket; lines: string[] }> {
  const ws = new WebSocket(url);
  const lines: string[] = [];
  ws.on('message', (data: Buffer) => {
    for (const line of data.toString().split('\r\n')) {
      lines.push(line);
      if (line.includes(' 376 ')) ws.send(`JOIN #${BENCH_CHANNEL}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send('NICK justinfan4242');
  return { ws, lines };
}

describe('LoadSender', () => {
  it('sends the planned number of real PRIVMSG lines and stamps each sequence number', async () => {
    const table = SeqTable.create(10_000);
    sender = new LoadSender(table, epochNowMs());
    const { url } = await sender.start();
    const { ws, lines } = await joinedClient(url);
    client = ws;
    await sender.waitForJoin(BENCH_CHANNEL, 5000);
    const r = await sender.runPhase({
      index: 3,
      name: 'x',
      rate: 2000,
      users: 7,
      durationMs: 250,
      moderatorEvery: 7,
    });
    expect(r.sent).toBe(500);
    expect([r.firstSeq, r.endSeq, r.heldBack]).toEqual([1, 501, 0]);
    const privmsgs = () => lines.filter((l) => l.includes(' PRIVMSG #benchstream :!seq '));
    for (let i = 0; i < 100 && privmsgs().length < 500; i++) await new Promise((res) => setTimeout(res, 10));
    expect(privmsgs()).toHaveLength(500);
    expect(privmsgs()[0]).toMatch(
      /^@badge-info=.*;badges=moderator\/1;.*tmi-sent-ts=\d+;.* :viewer0!viewer0@viewer0\.tmi\.twitch\.tv PRIVMSG #benchstream :!seq 1$/,
    );
    expect(table.sentUs[500]).toBeGreaterThan(0);
    expect(table.phaseOf(500)).toBe(3);
    expect(table.isModerator(1)).toBe(true);
    expect(table.isModerator(2)).toBe(false);
  });

  it('holds commands back once a subject that stopped reading has 8 MB unread', async () => {
    const table = SeqTable.create(200_000);
    sender = new LoadSender(table, epochNowMs());
    const { url } = await sender.start();
    const { ws } = await joinedClient(url);
    client = ws;
    await sender.waitForJoin(BENCH_CHANNEL, 5000);
    (ws as unknown as { _socket: { pause(): void } })._socket.pause(); // the subject stops reading
    const r = await sender.runPhase({
      index: 1,
      name: 'flood',
      rate: 100_000,
      users: 1000,
      durationMs: 1000,
    });
    expect(r.heldBack).toBeGreaterThan(0);
    expect(r.sent + r.heldBack).toBe(100_000);
    // What did go out is bounded: the cap plus what the kernel's socket buffers took (a few MB on loopback).
    expect(r.sent * 300).toBeLessThan(BACKPRESSURE_BYTES + 32 * 1024 * 1024);
  });
});
