// Moderator verbs, roles, blocking, the !cv listing, persistence and config swaps.
import { describe, expect, it } from 'vitest';
import type { PersistedState } from '../ports';
import { CommandProcessor } from './processor';
import { chat, FakeClock, makeConfig, Outputs, WALL_EPOCH } from './test-support';

const VARS = [
  { name: 'cutoff', aliases: ['cut'], address: '/cv/cutoff', default: 50 },
  { name: 'gate', type: 'gate', address: '/cv/gate' },
  { name: 'res', address: '/cv/res', slewMs: 100, permission: 'subscriber', default: 0 },
];

function setup(restored?: PersistedState | null, variables: unknown[] = VARS) {
  const clock = new FakeClock();
  const out = new Outputs();
  const proc = new CommandProcessor(makeConfig(variables), clock, restored);
  const as =
    (role: 'everyone' | 'subscriber' | 'vip' | 'moderator' | 'broadcaster', userId: string = role) =>
    (text: string) =>
      proc.handle(chat(text, { userId, userName: `${userId}_name`, role }), out.write);
  return {
    clock,
    out,
    proc,
    viewer: as('everyone'),
    sub: as('subscriber'),
    mod: as('moderator'),
    caster: as('broadcaster'),
    as,
  };
}

describe('panic and resume', () => {
  it('sends every variable to its default at once (no slew) and freezes chat until !resume', () => {
    const { clock, out, proc, viewer, sub, mod } = setup();
    viewer('!cutoff 90');
    viewer('!gate on');
    sub('!res 100');
    clock.advance(50);
    proc.tick(out.write);
    out.clear();
    expect(mod('!panic')).toEqual({ outcome: 'accepted', reason: null, variable: 'panic', value: null });
    expect(out.writes).toEqual([
      [0, 0.5],
      [1, 0],
      [2, 0],
    ]);
    expect(proc.isPanic()).toBe(true);
    expect(proc.needsTick()).toBe(false); // the ramp was dropped
    expect(viewer('!cutoff 10')).toMatchObject({ outcome: 'refused', reason: 'panic', variable: 'cutoff' });
    expect(mod('!cutoff 10').reason).toBe('panic');
    expect(mod('!resume')).toMatchObject({ outcome: 'accepted', variable: 'resume' });
    expect(viewer('!cutoff 10').outcome).toBe('accepted');
  });

  it('refuses !panic and !resume from viewers, subscribers and VIPs', () => {
    const { proc, out, viewer, as } = setup();
    expect(viewer('!panic')).toMatchObject({ outcome: 'refused', reason: 'permission', variable: 'panic' });
    expect(as('vip')('!panic').reason).toBe('permission');
    expect(proc.isPanic()).toBe(false);
    proc.panic(out.write);
    expect(viewer('!resume').reason).toBe('permission');
    expect(proc.isPanic()).toBe(true);
  });

  it('panics from the dashboard too, and drops open vote windows', () => {
    const clock = new FakeClock();
    const out = new Outputs();
    const proc = new CommandProcessor(
      makeConfig([{ name: 'c', address: '/c', mode: 'vote', windowMs: 100 }]),
      clock,
    );
    proc.handle(chat('!c 90'), out.write);
    proc.panic(out.write);
    proc.resume();
    clock.advance(200);
    proc.tick(out.write);
    expect(out.of(0)).toEqual([0]); // only the panic write; the vote never lands
  });
});

describe('lock, unlock, reset', () => {
  it('locks a variable against chat (moderators included) until unlocked', () => {
    const { proc, viewer, mod } = setup();
    expect(mod('!lock cut')).toEqual({ outcome: 'accepted', reason: null, variable: 'lock', value: null });
    expect(proc.variables()[0]!.locked).toBe(true);
    expect(viewer('!cutoff 1')).toMatchObject({ reason: 'locked', variable: 'cutoff' });
    expect(mod('!cutoff 1').reason).toBe('locked');
    expect(viewer('!gate on').outcome).toBe('accepted');
    expect(mod('!unlock cutoff').variable).toBe('unlock');
    expect(viewer('!cutoff 1').outcome).toBe('accepted');
  });

  it('refuses lock/unlock/reset from non-moderators and for unknown variables', () => {
    const { proc, viewer, caster } = setup();
    expect(viewer('!lock cutoff')).toMatchObject({ reason: 'permission', variable: 'lock' });
    expect(proc.variables()[0]!.locked).toBe(false);
    expect(caster('!lock volume')).toMatchObject({ reason: 'unknown_variable', variable: 'lock' });
    expect(caster('!reset')).toMatchObject({ reason: 'bad_value', variable: 'reset' });
  });

  it('resets one variable to its default at once, crediting the moderator', () => {
    const { clock, out, proc, viewer, mod } = setup();
    expect(proc.variables()[0]!.lastChangedAt).toBeNull();
    viewer('!cutoff 90');
    viewer('!gate on');
    out.clear();
    clock.advance(1_000); // the fake clock starts at t = 1000 ms
    expect(mod('!reset cutoff').outcome).toBe('accepted');
    expect(out.writes).toEqual([[0, 0.5]]);
    expect(proc.variables()[0]).toMatchObject({
      value: 50,
      lastUser: 'moderator_name',
      lastChangedAt: WALL_EPOCH + 2_000,
    });
    expect(proc.variables()[1]!.value).toBe(1);
  });

  it('offers the same from the dashboard, false for unknown names', () => {
    const { out, proc } = setup();
    expect(proc.lock('CUTOFF')).toBe(true);
    expect(proc.lock('nope')).toBe(false);
    expect(proc.unlock('cut')).toBe(true);
    expect(proc.unlock('nope')).toBe(false);
    expect(proc.reset('gate', out.write)).toBe(true);
    expect(proc.reset('nope', out.write)).toBe(false);
  });

  it('drops pending votes when a variable is locked', () => {
    const clock = new FakeClock();
    const out = new Outputs();
    const proc = new CommandProcessor(
      makeConfig([{ name: 'c', address: '/c', mode: 'vote', windowMs: 100 }]),
      clock,
    );
    proc.handle(chat('!c 90'), out.write);
    proc.lock('c');
    clock.advance(200);
    proc.tick(out.write);
    expect(out.writes).toEqual([]);
  });
});

describe('roles and blocked users', () => {
  it('enforces a variable permission', () => {
    const { viewer, sub, as } = setup();
    expect(viewer('!res 10')).toMatchObject({ outcome: 'refused', reason: 'permission', variable: 'res' });
    expect(sub('!res 10').outcome).toBe('accepted');
    expect(as('vip')('!res 10').outcome).toBe('accepted');
  });

  it('refuses everything from a blocked user until unblocked, and shows them as blocked', () => {
    const { out, proc, viewer } = setup();
    viewer('!cutoff 60');
    proc.block('everyone');
    expect(viewer('!cutoff 70')).toMatchObject({ outcome: 'refused', reason: 'blocked', variable: 'cutoff' });
    expect(viewer('!cv').reason).toBe('blocked');
    expect(out.of(0)).toEqual([0.6]);
    expect(proc.users(10)[0]).toMatchObject({
      userId: 'everyone',
      userName: 'everyone_name',
      blocked: true,
      accepted: 1,
      refused: 2,
    });
    proc.unblock('everyone');
    expect(viewer('!cutoff 70').outcome).toBe('accepted');
  });

  it('lists blocked users the limiter no longer tracks, so they can be unblocked', () => {
    const { proc } = setup();
    proc.block('ghost', 'GhostName');
    expect(proc.users(10)).toEqual([
      expect.objectContaining({ userId: 'ghost', userName: 'GhostName', blocked: true }),
    ]);
    expect(proc.users(10, 'host')).toHaveLength(1);
    expect(proc.users(10, 'zzz')).toHaveLength(0);
  });
});

describe('users and the !cv listing', () => {
  it("a blocked user's refused commands still show as their last command, so the streamer sees what they try", () => {
    const { proc, viewer } = setup();
    viewer('!cutoff 1');
    proc.block('everyone', 'everyone');
    viewer('!cutoff 99');
    expect(proc.users().find((u) => u.userId === 'everyone')).toMatchObject({
      blocked: true,
      accepted: 1,
      refused: 1,
      lastCommand: '!cutoff 99',
    });
  });

  it('tracks per-user stats: accepted, refused, last command, last seen (epoch), role', () => {
    const { clock, proc, viewer } = setup();
    viewer('!cutoff 1');
    clock.advance(5);
    viewer('!cutoff banana');
    viewer('hello chat'); // not a command: not counted
    const [u] = proc.users();
    expect(u).toMatchObject({
      userId: 'everyone',
      accepted: 1,
      refused: 1,
      lastCommand: '!cutoff banana',
      role: 'everyone',
      capacity: 5,
    });
    expect(u!.tokens).toBeCloseTo(4.005); // one spent, 5 ms of refill at 1/s
    expect(u!.lastSeenAt).toBe(WALL_EPOCH + clock.t);
    expect(proc.activeUsers(60_000)).toBe(1);
  });

  it('answers !cv with the variables the role may use, and their ranges', () => {
    const { proc, viewer, mod } = setup();
    expect(viewer('!cv')).toEqual({ outcome: 'accepted', reason: null, variable: 'cv', value: null });
    expect(mod('!cv').outcome).toBe('accepted');
    const forViewer = proc.listing('everyone');
    expect(forViewer).toContain('!cutoff/!cut 0..100');
    expect(forViewer).toContain('!gate on|off');
    expect(forViewer).not.toContain('!res');
    expect(forViewer).not.toContain('!panic');
    expect(proc.listing('subscriber')).toContain('!res 0..100');
    expect(proc.listing('moderator')).toContain('!panic');
    proc.lock('gate');
    expect(proc.listing('everyone')).toContain('!gate on|off (locked)');
  });

  it('keeps the listing within one chat message', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `variable_number_${i}`, address: `/v/${i}` }));
    const { proc } = setup(null, many);
    expect(proc.listing('broadcaster').length).toBeLessThanOrEqual(500);
  });
});

describe('persistence', () => {
  it('reports what changed, and restores values clamped into range, ignoring unknown names', () => {
    const { out, proc, viewer, mod } = setup();
    expect(proc.isDirty()).toBe(false);
    viewer('!cutoff 80');
    expect(proc.isDirty()).toBe(true);
    proc.markClean();
    viewer('!cutoff 80');
    expect(proc.isDirty()).toBe(false); // same value: nothing to save
    mod('!lock gate');
    proc.block('troll');
    expect(proc.persisted()).toEqual({
      values: { cutoff: 80, gate: 0, res: 0 },
      locked: ['gate'],
      panic: false,
      blockedUsers: ['troll'],
      blockedNames: { troll: 'troll' },
    });

    const saved: PersistedState = {
      values: { cutoff: 999, GATE: 1, res: NaN, gone: 5 },
      locked: ['gate', 'gone'],
      panic: true,
      blockedUsers: ['troll'],
    };
    const restored = setup(saved);
    expect(restored.proc.variables().map((v) => [v.name, v.value, v.locked])).toEqual([
      ['cutoff', 100, false],
      ['gate', 1, true],
      ['res', 0, false],
    ]);
    expect(restored.proc.isPanic()).toBe(true);
    expect(restored.proc.isDirty()).toBe(false);
    restored.proc.initialOutputs(restored.out.write);
    expect(restored.out.writes).toEqual([
      [0, 1],
      [1, 1],
      [2, 0],
    ]);
    expect(restored.as('everyone', 'troll')('!cutoff 1').reason).toBe('blocked');
    void out;
  });

  it('names blocked users after a restart, and falls back to the id for a save without names', () => {
    const { proc } = setup();
    proc.block('u-42', 'NoisyViewer');
    const saved = proc.persisted();
    expect(saved.blockedNames).toEqual({ 'u-42': 'NoisyViewer' });
    const restored = setup(saved);
    expect(restored.proc.users(10).filter((u) => u.blocked)).toEqual([
      expect.objectContaining({ userId: 'u-42', userName: 'NoisyViewer' }),
    ]);
    const older = setup({ values: {}, locked: [], panic: false, blockedUsers: ['u-42'] });
    expect(older.proc.users(10).filter((u) => u.blocked)).toEqual([
      expect.objectContaining({ userId: 'u-42', userName: 'u-42' }),
    ]);
  });

  it('survives a malformed persisted state', () => {
    const junk = { values: null, locked: 'x', panic: 'yes', blockedUsers: null } as unknown as PersistedState;
    const { proc } = setup(junk);
    expect(proc.variables()[0]!.value).toBe(50);
    expect(proc.isPanic()).toBe(false);
  });
});

describe('applyConfig', () => {
  it('keeps values of surviving names (clamped into the new range), defaults new ones, writes every output', () => {
    const { out, proc, viewer, mod } = setup();
    viewer('!cutoff 90');
    mod('!lock cutoff');
    out.clear();
    proc.applyConfig(
      makeConfig([
        { name: 'new', address: '/new', default: 7 },
        { name: 'cutoff', address: '/cv/cutoff', min: 0, max: 60, default: 10 },
      ]),
      out.write,
    );
    expect(proc.variables().map((v) => [v.name, v.value, v.locked])).toEqual([
      ['new', 7, false],
      ['cutoff', 60, true],
    ]);
    expect(out.writes).toEqual([
      [0, 0.07],
      [1, 1],
    ]);
    expect(viewer('!gate on').reason).toBe('unknown_variable');
    expect(proc.isDirty()).toBe(true);
  });
});
