import { describe, expect, it } from 'vitest';
import { parseHostPort, parseRunFlags, UsageError } from './args';

describe('command-line flags', () => {
  it('parses host:port forms', () => {
    expect(parseHostPort('127.0.0.1:7400', '--osc')).toEqual({ host: '127.0.0.1', port: 7400 });
    expect(parseHostPort('[::1]:9000', '--osc')).toEqual({ host: '::1', port: 9000 });
    expect(parseHostPort('7373', '--http')).toEqual({ host: '127.0.0.1', port: 7373 });
  });

  it('explains a bad host:port', () => {
    expect(() => parseHostPort('localhost', '--osc')).toThrow(/--osc expects host:port/);
    expect(() => parseHostPort('h:70000', '--osc')).toThrow(/port must be 0–65535/);
  });

  it('collects repeated flags and refuses unknown ones', () => {
    const f = parseRunFlags([
      '--config',
      'c.json',
      '--channel',
      'a',
      '--channel',
      'b',
      '--osc',
      '127.0.0.1:1',
      '--osc',
      '127.0.0.1:2',
    ]);
    expect(f.channels).toEqual(['a', 'b']);
    expect(f.osc).toHaveLength(2);
    expect(() => parseRunFlags(['--bogus'])).toThrow(UsageError);
  });
});
