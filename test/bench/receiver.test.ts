// The receiver against real UDP datagrams: bytes packed by osc-js (what the peer sends) and by the engine's
// own UDP sink format, matched to their send times through the table.
import dgram from 'node:dgram';
import OSC from 'osc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { epochNowMs } from '../../bench/clock';
import { OscSeqReceiver, singleFloat } from '../../bench/load/receiver';
import { SeqTable } from '../../bench/load/seqTable';
import { waitFor } from '../helpers/waitFor';

function packFloat(address: string, value: number): Buffer {
  const msg = new OSC.TypedMessage(address, []);
  msg.add('f', value);
  return Buffer.from(msg.pack());
}

describe('singleFloat', () => {
  it('reads `<address> ,f <float32>` whatever the address length', () => {
    for (const address of ['/a', '/cv/seq', '/cv/seqm', '/a/much/longer/address'])
      expect(singleFloat(packFloat(address, 1234))).toBe(1234);
  });

  it('leaves anything else to the full decoder', () => {
    const two = new OSC.TypedMessage('/x', []);
    two.add('f', 1);
    two.add('f', 2);
    expect(singleFloat(Buffer.from(two.pack()))).toBeNull();
    const int = new OSC.TypedMessage('/x', []);
    int.add('i', 7);
    expect(singleFloat(Buffer.from(int.pack()))).toBeNull();
    expect(singleFloat(Buffer.from('#bundle\0\0\0\0\0\0\0\0\x01'))).toBeNull();
    expect(singleFloat(Buffer.alloc(3))).toBeNull();
  });
});

describe('OscSeqReceiver', () => {
  let rx: OscSeqReceiver | null = null;
  const socket = dgram.createSocket('udp4');
  afterEach(async () => {
    await rx?.close();
    rx = null;
  });

  it('matches datagrams to sent sequence numbers, and counts duplicates, strangers and garbage', async () => {
    const table = SeqTable.create(100);
    const epoch = epochNowMs();
    rx = await OscSeqReceiver.start(table, epoch);
    table.markSent(7, 1, 1, false);
    table.markSent(8, 1, 1, false);
    const bundle = new OSC.Bundle([new OSC.Message('/cv/seq', 8.0)]);
    const send = (buf: Uint8Array) =>
      new Promise<void>((r) => socket.send(buf, rx!.port, '127.0.0.1', () => r()));
    await send(packFloat('/cv/seq', 7));
    await send(packFloat('/cv/seq', 7));
    await send(Buffer.from(bundle.pack()));
    await send(packFloat('/cv/seq', 0)); // the engine's start-up output: not ours
    await send(Buffer.from([1, 2, 3, 4]));
    await waitFor(() => rx!.counts.datagrams === 5, { what: '5 datagrams' });
    expect(rx.counts).toMatchObject({ matched: 2, duplicates: 1, unknown: 1, malformed: 1 });
    expect(table.receivedUs[7]).toBeGreaterThan(1);
    expect(table.receivedUs[8]).toBeGreaterThan(1);
  });
});
