// Rate limits through the whole processor: floods, bypasses, caps and the bounded user map.
import { describe, expect, it } from 'vitest';
import { CommandProcessor } from './processor';
import { chat, FakeClock, makeConfig, Outputs } from './test-support';

function setup(rateLimit: Record<string, unknown>, variables: unknown[] = [{ name: 'c', address: '/c' }]) {
  const clock = new FakeClock();
  const out = new Outputs();
  const proc = new CommandProcessor(makeConfig(variables, { rateLimit: rateLimit as never }), clock);
  return { clock, out, proc };
}

/** Send `count` messages spread evenly over [0, durationMs], the last exactly at durationMs. */
function flood(
  { clock, out, proc }: ReturnType<typeof setup>,
  count: number,
  durationMs: number,
  message: (i: number) => ReturnType<typeof chat>,
) {
  const start = clock.t;
  const outcomes = { accepted: 0, rate_limited: 0, other: 0 };
  for (let i = 0; i < count; i++) {
    clock.t = start + (i * durationMs) / (count - 1);
    const d = proc.handle(message(i), out.write);
    if (d.outcome === 'accepted') outcomes.accepted++;
    else if (d.reason === 'rate_limited') outcomes.rate_limited++;
    else outcomes.other++;
  }
  return outcomes;
}

describe('a flood from one user', () => {
  it('1,000 messages in one second: only `capacity` are accepted, plus what refilled', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 100_000 } });
    const r = flood(s, 1000, 1000, (i) => chat(`!c ${i % 100}`, { userId: 'spammer' }));
    expect(r).toEqual({ accepted: 6, rate_limited: 994, other: 0 }); // 5 at once + 1 refilled at t = 1 s
    expect(s.out.writes).toHaveLength(6);
    const [user] = s.proc.users(1);
    expect(user).toMatchObject({ userId: 'spammer', accepted: 6, refused: 994 });
  });

  it('with a faster refill, capacity + refillPerSec × 1 s', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 10 }, global: { perSec: 100_000 } });
    expect(flood(s, 1000, 1000, () => chat('!c 1', { userId: 'spammer' })).accepted).toBe(15);
  });

  it('does not charge refused commands: bad values cost no tokens', () => {
    const s = setup({ perUser: { capacity: 2, refillPerSec: 0 }, global: { perSec: 100_000 } });
    for (let i = 0; i < 50; i++) s.proc.handle(chat('!c banana', { userId: 'u' }), s.out.write);
    expect(s.proc.handle(chat('!c 1', { userId: 'u' }), s.out.write).outcome).toBe('accepted');
    expect(s.proc.handle(chat('!c 2', { userId: 'u' }), s.out.write).outcome).toBe('accepted');
    expect(s.proc.handle(chat('!c 3', { userId: 'u' }), s.out.write).reason).toBe('rate_limited');
  });

  it('moderators and the broadcaster bypass the per-user bucket', () => {
    for (const role of ['moderator', 'broadcaster'] as const) {
      const s = setup({ perUser: { capacity: 1, refillPerSec: 0 }, global: { perSec: 10 } });
      const r = flood(s, 1000, 1000, () => chat('!c 1', { userId: 'boss', role }));
      expect(r.accepted, role).toBe(1000);
    }
  });

  it('VIPs and subscribers do not bypass it', () => {
    const s = setup({ perUser: { capacity: 1, refillPerSec: 0 }, global: { perSec: 1000 } });
    expect(flood(s, 10, 10, () => chat('!c 1', { userId: 'v', role: 'vip' })).accepted).toBe(1);
  });
});

describe('cooldown and the global cap', () => {
  it('a variable cooldown holds across users', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 1000 } }, [
      { name: 'c', address: '/c', cooldownMs: 2000 },
    ]);
    expect(s.proc.handle(chat('!c 1', { userId: 'a' }), s.out.write).outcome).toBe('accepted');
    expect(s.proc.handle(chat('!c 2', { userId: 'b' }), s.out.write)).toMatchObject({
      reason: 'cooldown',
      variable: 'c',
    });
    expect(s.proc.handle(chat('!c 3', { userId: 'm', role: 'moderator' }), s.out.write).outcome).toBe(
      'accepted',
    );
    s.clock.advance(2000);
    expect(s.proc.handle(chat('!c 4', { userId: 'b' }), s.out.write).outcome).toBe('accepted');
  });

  it('caps the channel at global.perSec across 1,000 users', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 100 } });
    const r = flood(s, 1000, 1, (i) => chat('!c 1', { userId: `user${i}` }));
    expect(r.accepted).toBe(100);
    expect(r.rate_limited).toBe(900);
    s.clock.advance(1000);
    expect(flood(s, 1000, 1, (i) => chat('!c 1', { userId: `other${i}` })).accepted).toBe(100);
  });

  it('moderators get through even when the global cap is exhausted', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 1 } });
    s.proc.handle(chat('!c 1', { userId: 'a' }), s.out.write);
    expect(s.proc.handle(chat('!c 1', { userId: 'b' }), s.out.write).reason).toBe('rate_limited');
    expect(s.proc.handle(chat('!c 1', { userId: 'm', role: 'moderator' }), s.out.write).outcome).toBe(
      'accepted',
    );
    expect(s.proc.handle(chat('!panic', { userId: 'm', role: 'moderator' }), s.out.write).outcome).toBe(
      'accepted',
    );
  });
});

describe('the user map', () => {
  it('stays bounded at maxTrackedUsers under 200,000 distinct users', () => {
    const s = setup({
      perUser: { capacity: 5, refillPerSec: 1 },
      global: { perSec: 1000 },
      maxTrackedUsers: 100_000,
    });
    for (let i = 0; i < 200_000; i++) {
      s.clock.t += 0.05;
      s.proc.handle(chat('!c 1', { userId: `u${i}`, userName: `viewer_${i}` }), s.out.write);
    }
    expect(s.proc.trackedUsers()).toBe(100_000);
    expect(s.proc.users(1)[0]!.userId).toBe('u199999');
    expect(s.proc.activeUsers(60_000)).toBe(100_000);
  });

  it('does not track chatter that is not a command', () => {
    const s = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 1000 } });
    for (let i = 0; i < 100; i++) s.proc.handle(chat('hello stream', { userId: `u${i}` }), s.out.write);
    expect(s.proc.trackedUsers()).toBe(0);
  });
});
