import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelProblem } from './channel';
import { channelName } from '../../../shared/config';

describe('channelProblem', () => {
  it('names exactly what is wrong', () => {
    expect(channelProblem('')).toMatch(/Type your Twitch channel name/);
    expect(channelProblem('   ')).toMatch(/Type your Twitch channel name/);
    expect(channelProblem('my channel')).toMatch(/cannot contain spaces/);
    expect(channelProblem('#mychannel')).toMatch(/Leave out the "#"/);
    expect(channelProblem('a'.repeat(26))).toMatch(/at most 25 characters \(this has 26\)/);
    expect(channelProblem('a')).toMatch(/Too short/);
    expect(channelProblem('bad-name')).toBe('"-" is not allowed: use letters, digits and underscores only.');
    expect(channelProblem('ünïcode')).toMatch(/"ü" is not allowed/);
  });

  it('accepts real channel names, trimmed', () => {
    for (const ok of ['ab', 'Some_Channel99', ' padded ', 'a'.repeat(25)])
      expect(channelProblem(ok)).toBeNull();
  });

  it('never lets through a name the engine would refuse', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        if (channelProblem(s) === null) expect(channelName.safeParse(s.trim()).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
