import dgram from 'node:dgram';
import OSC from 'osc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/helpers/waitFor';
import { formatFloat32, startOscMonitor, type OscMonitor } from './oscMonitor';
import { createUdpOscSink } from './udpOscSink';

let monitor: OscMonitor | null = null;
const sender = dgram.createSocket('udp4');
afterEach(async () => {
  await monitor?.close();
  monitor = null;
});

function sendRaw(port: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) =>
    sender.send(bytes, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
  );
}

describe('startOscMonitor', () => {
  it('prints each message like oscdump: address, type tags, values', async () => {
    const lines: string[] = [];
    const seen: string[] = [];
    monitor = await startOscMonitor({
      port: 0,
      print: (l) => lines.push(l),
      onMessage: (m) => seen.push(m.address),
    });
    const sink = await createUdpOscSink(
      [{ host: '127.0.0.1', port: monitor.port }],
      ['/cv/cutoff', '/cv/pitch'],
    );
    sink.send(0, 0.7);
    await waitFor(() => lines.length === 1);
    sink.send(1, -0.08333333333);
    await waitFor(() => lines.length === 2);
    sink.sendBundle([
      [0, 1],
      [1, 0.5],
    ]);
    await waitFor(() => lines.length === 4);
    const mixed = new OSC.Message('/mixed', 3, 'two words');
    OSC.TypedMessage.prototype.add.call(mixed, 'T', true);
    await sendRaw(monitor.port, mixed.pack());
    await waitFor(() => lines.length === 5);
    await sink.close();

    expect(lines).toEqual([
      '/cv/cutoff ,f 0.7',
      '/cv/pitch ,f -0.083333336',
      '/cv/cutoff ,f 1',
      '/cv/pitch ,f 0.5',
      '/mixed ,isT 3 "two words" true',
    ]);
    expect(seen).toEqual(['/cv/cutoff', '/cv/pitch', '/cv/cutoff', '/cv/pitch', '/mixed']);
  });

  it('reports a malformed packet and keeps listening', async () => {
    const lines: string[] = [];
    monitor = await startOscMonitor({ port: 0, print: (l) => lines.push(l) });
    await sendRaw(monitor.port, new TextEncoder().encode('hello'));
    await sendRaw(monitor.port, new OSC.Message('/after', 1.5).pack());
    await waitFor(() => lines.length === 2);
    expect(lines[0]).toMatch(
      /^malformed packet from 127\.0\.0\.1:\d+ \(5 bytes\): packet length 5 is not a multiple of 4$/,
    );
    expect(lines[1]).toBe('/after ,f 1.5');
  });

  it('says plainly when the port is taken', async () => {
    monitor = await startOscMonitor({ port: 0, print: () => {} });
    await expect(startOscMonitor({ port: monitor.port, print: () => {} })).rejects.toThrow(
      `osc-monitor cannot listen on 127.0.0.1:${monitor.port}: port ${monitor.port} on 127.0.0.1 is already in use`,
    );
  });
});

describe('formatFloat32', () => {
  it('prints the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(Math.fround(0.7))).toBe('0.7');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(1)).toBe('1');
    expect(formatFloat32(Math.fround(1e-7))).toBe('1e-7');
    for (const v of [0.1, 123.456, -7.25e-5, 3.4e38])
      expect(Math.fround(Number(formatFloat32(Math.fround(v))))).toBe(Math.fround(v));
  });
});
