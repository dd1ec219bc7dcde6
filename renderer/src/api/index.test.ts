import { describe, expect, it } from 'vitest';
import { bridgeUrl } from './index';

describe('bridgeUrl', () => {
  it('points at /bridge on the host that served the page, with the same security', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:8080', search: '' })).toBe(
      'ws://127.0.0.1:8080/bridge',
    );
    expect(bridgeUrl({ protocol: 'https:', host: 'synth.local', search: '' })).toBe(
      'wss://synth.local/bridge',
    );
  });
  it("carries the page's ?token= over, encoded", () => {
    expect(bridgeUrl({ protocol: 'http:', host: 'h:1', search: '?token=a%20b&x=1' })).toBe(
      'ws://h:1/bridge?token=a%20b',
    );
  });
});
