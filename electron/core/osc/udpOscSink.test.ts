import dgram from 'node:dgram';
import OSC from 'osc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { OscListener } from '../../../test/helpers/oscListener';
import { waitFor } from '../../../test/helpers/waitFor';
import { decodeOscPacket } from './oscDecode';
import { createUdpOscSink, OscTargetError, type UdpOscSink } from './udpOscSink';

/** Decode with osc-js, the reference implementation, so our encoder is not only checked by our decoder. */
function oscJsDecode(bytes: Uint8Array): { address: string; types: string; args: unknown[] }[] {
  const packet = new OSC.Packet();
  packet.unpack(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const out: { address: string; types: string; args: unknown[] }[] = [];
  const walk = (v: unknown): void => {
    if (v instanceof OSC.Bundle) v.bundleElements.forEach(walk);
    else {
      const m = v as InstanceType<typeof OSC.Message>;
      out.push({ address: m.address, types: m.types, args: m.args });
    }
  };
  walk(packet.value);
  return out;
}

/** A raw UDP receiver that keeps the datagram bytes (the listener helper only keeps decoded messages). */
async function rawReceiver(): Promise<{ port: number; datagrams: Buffer[]; close(): Promise<void> }> {
  const socket = dgram.createSocket('udp4');
  const datagrams: Buffer[] = [];
  socket.on('message', (d) => datagrams.push(d));
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    port: socket.address().port,
    datagrams,
    close: () => new Promise((r) => socket.close(() => r())),
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
async function sinkTo(targets: { host: string; port: number }[], addresses: string[]): Promise<UdpOscSink> {
  const sink = await createUdpOscSink(targets, addresses);
  cleanups.push(() => sink.close());
  return sink;
}

describe('UdpOscSink', () => {
  it('sends float32 messages that osc-js and our decoder both read back exactly', async () => {
    const rx = await rawReceiver();
    cleanups.push(rx.close);
    const sink = await sinkTo(
      [{ host: '127.0.0.1', port: rx.port }],
      ['/cv/cutoff', '/cv/a/much/longer/address'],
    );
    const values = [0.7, -1, 0, 1e-7, 3.4e38, 123.456, 1 / 3];
    for (const v of values) sink.send(0, v);
    sink.send(1, 0.25);
    await waitFor(() => rx.datagrams.length === values.length + 1, { what: 'all datagrams' });

    rx.datagrams.forEach((d, i) => {
      const expected = i < values.length ? { address: '/cv/cutoff', value: values[i]! } : null;
      const address = expected ? expected.address : '/cv/a/much/longer/address';
      const value = Math.fround(expected ? expected.value : 0.25);
      expect(oscJsDecode(d)).toEqual([{ address, types: ',f', args: [value] }]);
      expect(decodeOscPacket(d)).toEqual([{ address, types: ',f', args: [value] }]);
    });
    expect(sink.stats()).toMatchObject({ sent: values.length + 1, errors: 0 });
  });

  it('delivers 1,000 rapid sends over real UDP with distinct values, in order', async () => {
    const listener = await OscListener.start();
    cleanups.push(() => listener.close());
    const sink = await sinkTo([listener.target], ['/cv/x']);
    // Bursts of 200 back-to-back sends (all 200 buffers in flight at once); waiting between bursts keeps the
    // test valid where net.core.rmem_max leaves the receiver only ~270 datagrams of buffer.
    for (let burst = 0; burst < 5; burst++) {
      for (let i = burst * 200; i < (burst + 1) * 200; i++) sink.send(0, i);
      await listener.waitForCount((burst + 1) * 200, 5000);
    }
    expect(listener.valuesAt('/cv/x')).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('never touches a buffer again after handing it to dgram (dgram may read it later)', async () => {
    // On loopback libuv usually sends synchronously, so the race only shows when the kernel queue is full
    // (EAGAIN) and libuv sends later from its own queue. This socket stand-in always reads late, the way
    // libuv does then, so a sink that reused its buffer would fail here deterministically.
    const seen: Buffer[] = [];
    const lateReader = {
      on: () => lateReader,
      send: (buf: Buffer, cb: (err: Error | null) => void) =>
        setImmediate(() => {
          seen.push(Buffer.from(buf));
          cb(null);
        }),
      close: (cb: () => void) => cb(),
    };
    const target = { host: '127.0.0.1', port: 9, ip: '127.0.0.1', family: 4 as const };
    const { UdpOscSink } = await import('./udpOscSink');
    const { oscFloatPrefix } = await import('./oscAddress');
    const sink = new UdpOscSink(
      [target],
      [lateReader as unknown as dgram.Socket],
      ['/cv/x'],
      [oscFloatPrefix('/cv/x')],
    );
    for (let i = 0; i < 1000; i++) sink.send(0, i);
    await sink.close();
    expect(seen.map((b) => decodeOscPacket(b)[0]!.args[0])).toEqual(
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });

  it('sends to every target', async () => {
    const a = await OscListener.start();
    const b = await OscListener.start();
    cleanups.push(
      () => a.close(),
      () => b.close(),
    );
    const sink = await sinkTo([a.target, { host: 'localhost', port: b.port }], ['/cv/gate']);
    sink.send(0, 1);
    await a.waitForCount(1);
    await b.waitForCount(1);
    expect(sink.targets().map((t) => t.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('sends simultaneous changes as one bundle with an immediate time tag', async () => {
    const rx = await rawReceiver();
    cleanups.push(rx.close);
    const sink = await sinkTo([{ host: '127.0.0.1', port: rx.port }], ['/cv/a', '/cv/bb', '/cv/ccc']);
    sink.sendBundle([
      [0, 0.5],
      [2, -2],
      [1, 7],
    ]);
    await waitFor(() => rx.datagrams.length === 1);
    const bytes = rx.datagrams[0]!;
    expect(bytes.subarray(0, 16).toString('hex')).toBe('2362756e646c65000000000000000001');
    const expected = [
      { address: '/cv/a', types: ',f', args: [0.5] },
      { address: '/cv/ccc', types: ',f', args: [-2] },
      { address: '/cv/bb', types: ',f', args: [7] },
    ];
    expect(oscJsDecode(bytes)).toEqual(expected);
    expect(decodeOscPacket(bytes)).toEqual(expected);
  });

  it('sendBatch sends the first `count` changes as one bundle, leaves out a non-finite one, counts messages', async () => {
    const listener = await OscListener.start();
    cleanups.push(() => listener.close());
    const sink = await sinkTo([listener.target], ['/cv/a', '/cv/b']);
    const indices = new Int32Array([1, 0, 1, 0, 1]);
    const values = new Float64Array([0.25, Number.NaN, 0.5, 0.75, 99]);
    sink.sendBatch(indices, values, 4); // the fifth pair is stale and must not go out
    const messages = await listener.waitForCount(3);
    expect(listener.datagrams).toBe(1);
    expect(messages.map((m) => [m.address, m.args[0]])).toEqual([
      ['/cv/b', 0.25],
      ['/cv/b', 0.5],
      ['/cv/a', 0.75],
    ]);
    await waitFor(() => sink.stats().sent === 3, { what: 'three messages counted as sent' });
    expect(sink.stats()).toMatchObject({ errors: 1, lastError: 'refused to send NaN to /cv/a' });
    sink.sendBatch(indices, values, 1); // one change: a plain message, not a bundle of one
    await listener.waitForCount(4);
    expect(listener.datagrams).toBe(2);
  });

  it('sendTest validates the address and value, then sends one message', async () => {
    const listener = await OscListener.start();
    cleanups.push(() => listener.close());
    const sink = await sinkTo([listener.target], ['/cv/x']);
    expect(() => sink.sendTest('cv/x', 1)).toThrow('must start with /');
    expect(() => sink.sendTest('/cv/*', 1)).toThrow('must not contain');
    expect(() => sink.sendTest('/cv/x', Number.NaN)).toThrow('finite number');
    sink.sendTest('/test/any', 0.125);
    const m = await listener.waitFor((x) => x.address === '/test/any');
    expect(m).toMatchObject({ types: ',f', args: [0.125] });
    expect(listener.messages).toHaveLength(1);
  });

  it('never sends NaN or Infinity: counts an error instead', async () => {
    const listener = await OscListener.start();
    cleanups.push(() => listener.close());
    const sink = await sinkTo([listener.target], ['/cv/x']);
    sink.send(0, Number.NaN);
    sink.send(0, Infinity);
    sink.send(0, 2);
    await listener.waitForCount(1);
    expect(listener.valuesAt('/cv/x')).toEqual([2]);
    expect(sink.stats().errors).toBe(2);
  });

  it('rejects an unresolvable host with an error naming it', async () => {
    const err = await createUdpOscSink([{ host: 'no-such-host.invalid', port: 7400 }], ['/cv/x']).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(OscTargetError);
    expect(err.message).toMatch(/OSC target host "no-such-host.invalid" does not resolve/);
    expect(err.host).toBe('no-such-host.invalid');
  });

  it('rejects bad ports and addresses before opening anything', async () => {
    await expect(createUdpOscSink([{ host: '127.0.0.1', port: 70000 }], ['/cv/x'])).rejects.toThrow(
      'port must be a whole number 1–65535, got 70000',
    );
    await expect(createUdpOscSink([{ host: '127.0.0.1', port: 7400 }], ['/ok', 'bad'])).rejects.toThrow(
      'addresses[1]: OSC address "bad" must start with /',
    );
    await expect(createUdpOscSink([], ['/ok'])).rejects.toThrow('at least one OSC target');
  });

  it('counts ECONNREFUSED (nothing listening) as an error instead of crashing', async () => {
    // Bind and close a socket to get a port that is very likely closed.
    const probe = await rawReceiver();
    await probe.close();
    const sink = await sinkTo([{ host: '127.0.0.1', port: probe.port }], ['/cv/x']);
    await waitFor(
      () => {
        sink.send(0, 1);
        return sink.stats().errors > 0;
      },
      { what: 'an ECONNREFUSED report' },
    );
    expect(sink.stats().lastError).toMatch(/ECONNREFUSED: nothing is listening on 127.0.0.1:\d+/);
    // The sink keeps working once something listens.
    expect(sink.stats().sent).toBeGreaterThan(0);
  });

  it('close() waits for in-flight sends and ignores later sends', async () => {
    const listener = await OscListener.start();
    cleanups.push(() => listener.close());
    const sink = await createUdpOscSink([listener.target], ['/cv/x']);
    for (let i = 0; i < 200; i++) sink.send(0, i);
    await sink.close();
    expect(sink.stats().sent).toBe(200);
    sink.send(0, 999);
    expect(sink.stats().sent).toBe(200);
    await listener.waitForCount(200);
    expect(() => sink.send(5, 1)).toThrow(RangeError);
  });
});
