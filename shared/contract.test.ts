import { describe, expect, it } from 'vitest';
import { isRequestName, parseRequestInput, REQUEST_NAMES } from './contract';

describe('the UI contract', () => {
  it.each([
    ['', /Type your Twitch channel name/],
    ['my channel', /cannot contain spaces/],
    ['#mychannel', /Leave out the "#"/],
    ['a'.repeat(26), /at most 25 characters/],
    ['bad-name', /"-" is not allowed/],
  ])('refuses the channel %j with a specific message', (channel, message) => {
    const r = parseRequestInput('connect', { channel });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('normalises a good channel name', () => {
    expect(parseRequestInput('connect', { channel: ' SynthStream ' })).toEqual({
      ok: true,
      value: { channel: 'synthstream' },
    });
  });

  it('refuses unknown fields, wrong types and unknown requests', () => {
    expect(parseRequestInput('lockVariable', { name: 'cutoff', extra: 1 }).ok).toBe(false);
    expect(parseRequestInput('setVariable', { name: 'cutoff', value: Number.NaN }).ok).toBe(false);
    expect(parseRequestInput('getState', undefined).ok).toBe(true);
    expect(isRequestName('constructor')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
    expect(REQUEST_NAMES).toContain('panic');
  });
});
