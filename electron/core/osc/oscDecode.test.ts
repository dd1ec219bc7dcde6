import OSC from 'osc-js';
import { describe, expect, it } from 'vitest';
import { decodeOscPacket, OscDecodeError } from './oscDecode';

function typed(address: string, args: [string, unknown][]): InstanceType<typeof OSC.Message> {
  // A Message (not a TypedMessage) so osc-js accepts it inside a Bundle; args are added with explicit types.
  const m = new OSC.Message(address);
  for (const [type, value] of args) OSC.TypedMessage.prototype.add.call(m, type as 'f', value as number);
  return m;
}

describe('decodeOscPacket', () => {
  it('reads what osc-js encodes: every common argument type', () => {
    const m = typed('/mix/ed', [
      ['i', -42],
      ['f', 0.7],
      ['s', 'hello world'],
      ['d', 1 / 3],
      ['T', true],
      ['F', false],
      ['N', null],
      ['h', 1n << 40n],
      ['b', new Uint8Array([1, 2, 3, 4, 5])],
    ]);
    const [decoded] = decodeOscPacket(m.pack());
    expect(decoded).toEqual({
      address: '/mix/ed',
      types: ',ifsdTFNhb',
      args: [
        -42,
        Math.fround(0.7),
        'hello world',
        1 / 3,
        true,
        false,
        null,
        1n << 40n,
        new Uint8Array([1, 2, 3, 4, 5]),
      ],
    });
  });

  it('flattens nested bundles in order, matching osc-js', () => {
    const inner = new OSC.Bundle([typed('/b', [['f', 2]]), typed('/c', [['s', 'x']])]);
    const outer = new OSC.Bundle([typed('/a', [['f', 1]]), inner, typed('/d', [])]);
    const decoded = decodeOscPacket(outer.pack());
    expect(decoded).toEqual([
      { address: '/a', types: ',f', args: [1] },
      { address: '/b', types: ',f', args: [2] },
      { address: '/c', types: ',s', args: ['x'] },
      { address: '/d', types: ',', args: [] },
    ]);
  });

  it('reports malformed packets with a specific reason instead of crashing', () => {
    const good = typed('/cv/x', [['f', 1]]).pack();
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(0), /empty packet/],
      [good.slice(0, 10), /not a multiple of 4/],
      [good.slice(0, 12), /needs 4 bytes/],
      [new TextEncoder().encode('abc\0,f\0\0\0\0\0\0'), /does not start with \//],
      [new TextEncoder().encode('/abcdefg'), /not NUL-terminated/],
      [new TextEncoder().encode('/ab\0'), /no type tag string/],
      [new TextEncoder().encode('/ab\0,z\0\0'), /unknown type tag 'z'/],
      [new TextEncoder().encode('#bundle\0\0\0\0\0\0\0\0\x01\0\0\0\x08'), /runs past the end/],
      [new TextEncoder().encode('#bundle\0\0\0\0\0'), /missing its 8-byte time tag/],
    ];
    for (const [bytes, reason] of cases) {
      expect(() => decodeOscPacket(bytes), String(reason)).toThrow(OscDecodeError);
      expect(() => decodeOscPacket(bytes)).toThrow(reason);
    }
  });

  it('never throws anything but OscDecodeError on random bytes', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const prefix = typed('/cv/x', [['f', 1]]).pack();
    for (let n = 0; n < 2000; n++) {
      const len = 4 * (1 + (rnd() % 12));
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = n % 2 && i < prefix.length ? prefix[i]! : rnd();
      try {
        decodeOscPacket(bytes);
      } catch (err) {
        expect(err).toBeInstanceOf(OscDecodeError);
      }
    }
  });
});
