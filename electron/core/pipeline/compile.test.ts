import { describe, expect, it } from 'vitest';
import { compileConfig } from './compile';
import { makeConfig } from './test-support';

describe('compileConfig', () => {
  it('maps the lower-cased name and every alias to the same compiled variable', () => {
    const c = compileConfig(
      makeConfig([
        { name: 'Cutoff', aliases: ['CUT', 'f'], address: '/a' },
        { name: 'gate', type: 'gate', address: '/b' },
      ]),
    );
    const cutoff = c.byName.get('cutoff');
    expect(cutoff).toBeDefined();
    expect(c.byName.get('cut')).toBe(cutoff);
    expect(c.byName.get('f')).toBe(cutoff);
    expect(c.byName.get('gate')?.index).toBe(1);
    expect(c.byName.size).toBe(4);
  });

  it('precomputes ranges, output bounds and the exp constant', () => {
    const v = compileConfig(
      makeConfig([
        {
          name: 'freq',
          address: '/f',
          min: 0,
          max: 10,
          outMin: 1000,
          outMax: 20,
          curve: 'exp',
          permission: 'vip',
        },
      ]),
    ).variables[0]!;
    expect(v).toMatchObject({
      min: 0,
      max: 10,
      mid: 5,
      outLo: 20,
      outHi: 1000,
      exp: true,
      permissionRank: 2,
    });
    expect(v.expLogRatio).toBeCloseTo(Math.log(20 / 1000));
  });

  it('lists the notes of a pitch scale inside the range: A minor is the white keys', () => {
    const v = compileConfig(
      makeConfig([{ name: 'p', type: 'pitch', address: '/p', scale: 'minor', root: 'A', min: 57, max: 69 }]),
    ).variables[0]!;
    expect([...v.notes]).toEqual([57, 59, 60, 62, 64, 65, 67, 69]);
  });

  it('never slews discrete variables and never windows triggers', () => {
    const c = compileConfig(
      makeConfig([
        { name: 'g', type: 'gate', address: '/g', slewMs: 500, mode: 'vote' },
        { name: 't', type: 'trigger', address: '/t', slewMs: 500, mode: 'vote' },
      ]),
    );
    expect(c.variables[0]).toMatchObject({ slewMs: 0, windowed: true });
    expect(c.variables[1]).toMatchObject({ slewMs: 0, windowed: false });
  });

  it('folds a full-width prefix and refuses one that is invisible', () => {
    expect(compileConfig(makeConfig([{ name: 'a', address: '/a' }], { prefix: '！' })).prefix).toBe('!');
    expect(() => compileConfig(makeConfig([{ name: 'a', address: '/a' }], { prefix: '\u200B' }))).toThrow(
      /prefix/,
    );
  });

  it('turns oscRateHz into a step interval', () => {
    expect(compileConfig(makeConfig([{ name: 'a', address: '/a' }], { oscRateHz: 50 })).stepMs).toBe(20);
  });
});
