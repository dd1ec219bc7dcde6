import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const base = { variables: [{ name: 'cutoff', address: '/cv/cutoff' }] };

function errorsOf(input: unknown) {
  const r = parseConfig(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

describe('config schema', () => {
  it('fills the documented defaults and normalises names', () => {
    const r = parseConfig({
      channels: ['#SomeChannel'],
      variables: [
        { name: 'CutOff', address: '/cv/cutoff' },
        { name: 'pitch', type: 'pitch', address: '/cv/pitch' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.channels).toEqual(['somechannel']);
    expect(r.config.osc).toEqual([{ host: '127.0.0.1', port: 7400 }]);
    expect(r.config.variables[0]).toMatchObject({
      name: 'cutoff',
      type: 'continuous',
      min: 0,
      max: 100,
      default: 0,
      outMin: 0,
      outMax: 1,
      mode: 'last',
      permission: 'everyone',
    });
    expect(r.config.variables[1]).toMatchObject({
      min: 0,
      max: 127,
      default: 60,
      scale: 'chromatic',
      root: 'C',
      gain: 1,
      offset: 0,
    });
  });

  it('accepts a list of OSC targets', () => {
    const r = parseConfig({
      ...base,
      osc: [
        { host: '127.0.0.1', port: 7400 },
        { host: '127.0.0.1', port: 7001 },
      ],
    });
    expect(r.ok && r.config.osc.length).toBe(2);
  });

  it.each([
    [{ ...base, osc: { host: '127.0.0.1', port: 70000 } }, 'osc.port', /1–65535/],
    [{ ...base, channels: ['has space'] }, 'channels.0', /no spaces/],
    [{ variables: [{ name: 'x', address: 'no-slash' }] }, 'variables.0.address', /starts with \//],
    [{ variables: [{ name: 'x', address: '/x', min: 5, max: 1 }] }, 'variables.0.max', /greater than min/],
    [{ variables: [{ name: 'x', address: '/x', default: 500 }] }, 'variables.0.default', /within 0..100/],
    [{ variables: [{ name: 'x', address: '/x', curve: 'exp' }] }, 'variables.0.curve', /above 0/],
    [{ variables: [{ name: 'x', address: '/x', min: 'low' }] }, 'variables.0.min', /.+/],
    [
      { variables: [{ name: 'p', type: 'pitch', address: '/p', root: 'H' }] },
      'variables.0.root',
      /note name/,
    ],
    [{ variables: [] }, 'variables', /at least one/],
    [
      {
        variables: [
          { name: 'a', address: '/a' },
          { name: 'b', aliases: ['a'], address: '/b' },
        ],
      },
      'variables.1.name',
      /already used/,
    ],
    [{ ...base, prefix: '' }, 'prefix', /empty/],
    [{ variables: [{ name: 'panic', address: '/a' }] }, 'variables.0.name', /reserved for a chat command/],
    [{ variables: [{ name: 'x', aliases: ['CV'], address: '/a' }] }, 'variables.0.aliases.0', /reserved/],
  ])('names the bad field: %#', (input, path, message) => {
    const errors = errorsOf(input);
    const hit = errors.find((e) => e.path === path);
    expect(hit, JSON.stringify(errors)).toBeDefined();
    expect(hit!.message).toMatch(message);
  });
});
