import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain';
import { authorize, type AuthorizationState } from './authorize';
import { compileConfig } from './compile';
import { parseCommand } from './parse';
import { makeConfig } from './test-support';

const compiled = compileConfig(
  makeConfig([
    { name: 'open', address: '/a' },
    { name: 'subs', address: '/b', permission: 'subscriber' },
    { name: 'vips', address: '/c', permission: 'vip' },
    { name: 'mods', address: '/d', permission: 'moderator' },
  ]),
);

function state(
  over: Partial<{ panic: boolean; locked: boolean[]; blocked: string[] }> = {},
): AuthorizationState {
  return {
    panic: over.panic ?? false,
    locked: over.locked ?? [false, false, false, false],
    blocked: new Set(over.blocked ?? []),
  };
}

const check = (text: string, role: Role, s = state(), userId = 'u') =>
  authorize(parseCommand(text, compiled), userId, role, s);

describe('authorize', () => {
  it('compares the role rank with the variable permission', () => {
    expect(check('!open 1', 'everyone')).toBeNull();
    expect(check('!subs 1', 'everyone')).toBe('permission');
    expect(check('!subs 1', 'subscriber')).toBeNull();
    expect(check('!vips 1', 'subscriber')).toBe('permission');
    expect(check('!vips 1', 'vip')).toBeNull();
    expect(check('!mods 1', 'vip')).toBe('permission');
    expect(check('!mods 1', 'moderator')).toBeNull();
    expect(check('!mods 1', 'broadcaster')).toBeNull();
  });

  it('treats an unknown role as the lowest, never as a pass', () => {
    expect(check('!subs 1', 'admin' as Role)).toBe('permission');
    expect(check('!panic', 'admin' as Role)).toBe('permission');
  });

  it('reserves admin verbs for moderators and the broadcaster', () => {
    for (const verb of ['!panic', '!resume', '!lock open', '!unlock open', '!reset open']) {
      expect(check(verb, 'everyone'), verb).toBe('permission');
      expect(check(verb, 'vip'), verb).toBe('permission');
      expect(check(verb, 'moderator'), verb).toBeNull();
      expect(check(verb, 'broadcaster'), verb).toBeNull();
    }
  });

  it('freezes chat control during panic, for moderators too, but not admin verbs or !cv', () => {
    const s = state({ panic: true });
    expect(check('!open 1', 'everyone', s)).toBe('panic');
    expect(check('!open 1', 'moderator', s)).toBe('panic');
    expect(check('!resume', 'moderator', s)).toBeNull();
    expect(check('!reset open', 'broadcaster', s)).toBeNull();
    expect(check('!cv', 'everyone', s)).toBeNull();
  });

  it('reports permission before panic: the durable reason first', () => {
    expect(check('!mods 1', 'everyone', state({ panic: true }))).toBe('permission');
  });

  it('refuses a locked variable but lets moderators unlock it', () => {
    const s = state({ locked: [true, false, false, false] });
    expect(check('!open 1', 'everyone', s)).toBe('locked');
    expect(check('!open 1', 'moderator', s)).toBe('locked');
    expect(check('!subs 1', 'subscriber', s)).toBeNull();
    expect(check('!unlock open', 'moderator', s)).toBeNull();
  });

  it('refuses everything from a blocked user, moderators included', () => {
    const s = state({ blocked: ['bad'] });
    expect(check('!open 1', 'everyone', s, 'bad')).toBe('blocked');
    expect(check('!cv', 'everyone', s, 'bad')).toBe('blocked');
    expect(check('!panic', 'moderator', s, 'bad')).toBe('blocked');
    expect(check('!open 1', 'everyone', s, 'good')).toBeNull();
  });
});
