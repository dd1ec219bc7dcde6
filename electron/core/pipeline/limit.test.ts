import { describe, expect, it } from 'vitest';
import { compileConfig } from './compile';
import { RateLimiter, USER_IDLE_MS } from './limit';
import { makeConfig } from './test-support';

function setup(rateLimit: Record<string, unknown>, variables: unknown[] = [{ name: 'a', address: '/a' }]) {
  const config = makeConfig(variables, { rateLimit: rateLimit as never });
  const compiled = compileConfig(config);
  return { limiter: new RateLimiter(config, compiled.variables.length), vars: compiled.variables };
}

const generous = { perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 100_000 } };

describe('RateLimiter: per-user bucket', () => {
  it('admits `capacity` at once, then one per refill interval', () => {
    const { limiter, vars } = setup(generous);
    const rec = limiter.touch('u', 'U', 'everyone', '!a 1', 0);
    const admitted = (t: number) => limiter.admit(rec, vars[0]!, false, t) === null;
    expect([0, 0, 0, 0, 0].map(() => admitted(0))).toEqual([true, true, true, true, true]);
    expect(admitted(0)).toBe(false);
    expect(limiter.admit(rec, vars[0]!, false, 999)).toBe('rate_limited');
    expect(admitted(1000)).toBe(true);
    expect(admitted(1500)).toBe(false);
    expect(admitted(2000)).toBe(true);
  });

  it('refills lazily up to capacity, never beyond', () => {
    const { limiter, vars } = setup(generous);
    const rec = limiter.touch('u', 'U', 'everyone', 'x', 0);
    for (let i = 0; i < 5; i++) limiter.admit(rec, vars[0]!, false, 0);
    expect(limiter.tokens(rec, 0)).toBe(0);
    expect(limiter.tokens(rec, 2500)).toBeCloseTo(2.5);
    expect(limiter.tokens(rec, 60_000)).toBe(5);
    let n = 0;
    while (limiter.admit(rec, vars[0]!, false, 60_000) === null) n++;
    expect(n).toBe(5);
  });

  it('with refillPerSec 0, the capacity is all a user ever gets', () => {
    const { limiter, vars } = setup({ perUser: { capacity: 2, refillPerSec: 0 }, global: { perSec: 1000 } });
    const rec = limiter.touch('u', 'U', 'everyone', 'x', 0);
    expect(limiter.admit(rec, vars[0]!, false, 0)).toBeNull();
    expect(limiter.admit(rec, vars[0]!, false, 0)).toBeNull();
    expect(limiter.admit(rec, vars[0]!, false, 1e9)).toBe('rate_limited');
  });

  it('lets moderators and the broadcaster bypass every limit', () => {
    const { limiter, vars } = setup({ perUser: { capacity: 1, refillPerSec: 0 }, global: { perSec: 1 } });
    const mod = limiter.touch('m', 'M', 'moderator', 'x', 0);
    for (let i = 0; i < 100; i++) expect(limiter.admit(mod, vars[0]!, true, 0)).toBeNull();
  });
});

describe('RateLimiter: cooldown and global cap', () => {
  it('applies a per-variable cooldown across users; a moderator bypasses it but restarts it', () => {
    const { limiter, vars } = setup(generous, [
      { name: 'a', address: '/a', cooldownMs: 1000 },
      { name: 'b', address: '/b' },
    ]);
    const [a, b] = [vars[0]!, vars[1]!];
    const u1 = limiter.touch('1', 'One', 'everyone', 'x', 0);
    const u2 = limiter.touch('2', 'Two', 'everyone', 'x', 0);
    const mod = limiter.touch('m', 'Mod', 'moderator', 'x', 0);
    expect(limiter.admit(u1, a, false, 0)).toBeNull();
    expect(limiter.admit(u2, a, false, 500)).toBe('cooldown');
    expect(limiter.admit(u2, b, false, 500)).toBeNull();
    expect(limiter.admit(mod, a, true, 600)).toBeNull();
    expect(limiter.admit(u2, a, false, 1100)).toBe('cooldown'); // the moderator's change restarted it
    expect(limiter.admit(u2, a, false, 1600)).toBeNull();
  });

  it('caps the whole channel at global.perSec', () => {
    const { limiter, vars } = setup({ perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 10 } });
    let accepted = 0;
    for (let u = 0; u < 100; u++) {
      const rec = limiter.touch(`u${u}`, `U${u}`, 'everyone', 'x', 0);
      if (limiter.admit(rec, vars[0]!, false, 0) === null) accepted++;
    }
    expect(accepted).toBe(10);
    const late = limiter.touch('late', 'Late', 'everyone', 'x', 100);
    expect(limiter.admit(late, vars[0]!, false, 100)).toBeNull(); // 100 ms = one token at 10/s
    expect(limiter.admit(late, vars[0]!, false, 100)).toBe('rate_limited');
  });

  it('spends nothing on a refused command: no user token, no global token, no cooldown', () => {
    const { limiter, vars } = setup({ perUser: { capacity: 2, refillPerSec: 0 }, global: { perSec: 1 } }, [
      { name: 'a', address: '/a', cooldownMs: 10_000 },
      { name: 'b', address: '/b' },
    ]);
    const [a, b] = [vars[0]!, vars[1]!];
    const first = limiter.touch('1', 'One', 'everyone', 'x', 0);
    const second = limiter.touch('2', 'Two', 'everyone', 'x', 0);
    expect(limiter.admit(first, a, false, 0)).toBeNull(); // spends first's token, the global token, a's cooldown
    expect(limiter.admit(second, a, false, 0)).toBe('cooldown');
    expect(limiter.admit(second, b, false, 0)).toBe('rate_limited'); // global cap
    expect(limiter.tokens(second, 0)).toBe(2); // refusals cost second nothing
    expect(limiter.admit(second, b, false, 1000)).toBeNull();
  });

  it('charges !cv (no variable) against the user and the global cap only', () => {
    const { limiter } = setup({ perUser: { capacity: 1, refillPerSec: 0 }, global: { perSec: 100 } });
    const rec = limiter.touch('u', 'U', 'everyone', '!cv', 0);
    expect(limiter.admit(rec, null, false, 0)).toBeNull();
    expect(limiter.admit(rec, null, false, 0)).toBe('rate_limited');
  });
});

describe('RateLimiter: user records', () => {
  it('keeps name, role, last command and last-seen on the record, truncating huge text', () => {
    const { limiter } = setup(generous);
    limiter.touch('u', 'Old', 'everyone', '!a 1', 0);
    const rec = limiter.touch('u', 'New', 'vip', 'x'.repeat(5000), 10);
    expect(rec).toMatchObject({ userName: 'New', role: 'vip', lastSeenMs: 10 });
    expect(rec.lastCommand?.length).toBe(500);
  });

  it('is bounded by maxTrackedUsers, evicting the least recently seen', () => {
    const { limiter } = setup({ ...generous, maxTrackedUsers: 100 });
    for (let i = 0; i < 100; i++) limiter.touch(`u${i}`, `U${i}`, 'everyone', 'x', i);
    limiter.touch('u0', 'U0', 'everyone', 'x', 5000); // u0 seen again: now the most recent
    limiter.touch('new', 'New', 'everyone', 'x', 5001);
    expect(limiter.size).toBe(100);
    expect(limiter.get('u0')).toBeDefined();
    expect(limiter.get('u1')).toBeUndefined();
    expect(limiter.get('new')).toBeDefined();
  });

  it('stays bounded under 200,000 distinct users', () => {
    const { limiter } = setup({ ...generous, maxTrackedUsers: 1000 });
    for (let i = 0; i < 200_000; i++) limiter.touch(`user${i}`, `User${i}`, 'everyone', '!a 1', i * 0.01);
    expect(limiter.size).toBe(1000);
    expect(limiter.get('user199999')).toBeDefined();
  });

  it('sweeps idle users with a full bucket, but keeps those who still owe tokens', () => {
    const { limiter, vars } = setup({ perUser: { capacity: 1, refillPerSec: 0 }, global: { perSec: 1000 } });
    limiter.touch('idle', 'Idle', 'everyone', 'x', 0);
    const spent = limiter.touch('spent', 'Spent', 'everyone', 'x', 0);
    limiter.admit(spent, vars[0]!, false, 0);
    limiter.touch('active', 'Active', 'everyone', 'x', USER_IDLE_MS);
    limiter.touch('newcomer', 'N', 'everyone', 'x', USER_IDLE_MS + 5000); // a new user runs the sweep
    expect(limiter.get('idle')).toBeUndefined();
    expect(limiter.get('spent')).toBeDefined(); // forgetting them would hand back their spent token
    expect(limiter.get('active')).toBeDefined();
  });

  it('lists users most recent first, filtered and limited, with their bucket', () => {
    const { limiter, vars } = setup(generous);
    for (let i = 0; i < 50; i++)
      limiter.touch(`id${i}`, i % 2 === 0 ? `Even${i}` : `Odd${i}`, 'everyone', `!a ${i}`, i * 100);
    const rec = limiter.get('id48')!;
    limiter.admit(rec, vars[0]!, false, 4900);
    rec.accepted++;
    const list = limiter.users(3, 'even', (id) => id === 'id46', 4900, 1_000_000);
    expect(list.map((u) => u.userName)).toEqual(['Even48', 'Even46', 'Even44']);
    expect(list[0]).toMatchObject({
      accepted: 1,
      tokens: 4,
      capacity: 5,
      lastCommand: '!a 48',
      lastSeenAt: 1_000_000 - 100,
    });
    expect(list[1]!.blocked).toBe(true);
    expect(limiter.users(1000, undefined, () => false, 4900, 0)).toHaveLength(50);
    expect(limiter.users(10, 'ID3', () => false, 4900, 0).map((u) => u.userId)).toEqual([
      'id39',
      'id38',
      'id37',
      'id36',
      'id35',
      'id34',
      'id33',
      'id32',
      'id31',
      'id30',
    ]);
  });

  it('counts active users within a window', () => {
    const { limiter } = setup(generous);
    limiter.touch('a', 'A', 'everyone', 'x', 0);
    limiter.touch('b', 'B', 'everyone', 'x', 50_000);
    limiter.touch('c', 'C', 'everyone', 'x', 60_000);
    expect(limiter.activeUsers(15_000, 60_000)).toBe(2);
    expect(limiter.activeUsers(100_000, 60_000)).toBe(3);
  });
});
