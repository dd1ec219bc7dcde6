import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config';
import type { ChatMessage } from '../../../shared/domain';
import { waitFor } from '../../../test/helpers/waitFor';
import { FakeTwitchServer } from './fakeTwitchServer';
import { TmiChatSource } from './tmiChatSource';
import { ViewerSimulator } from './viewerSimulator';

const parsed = parseConfig({
  variables: [
    { name: 'cutoff', aliases: ['cut'], address: '/cv/cutoff', min: 0, max: 100 },
    { name: 'pitch', type: 'pitch', address: '/cv/pitch', scale: 'minor', root: 'A' },
    { name: 'gate', type: 'gate', address: '/cv/gate' },
  ],
});
if (!parsed.ok) throw new Error('test config invalid');
const variables = parsed.config.variables;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('ViewerSimulator', () => {
  it('talks through the fake server at the requested rate, in batched frames, as distinct stable users', async () => {
    const server = new FakeTwitchServer();
    await server.start();
    cleanups.push(() => server.stop());
    const chat = new TmiChatSource({ server: server.url });
    const messages: ChatMessage[] = [];
    chat.onMessage((m) => messages.push(m));
    await chat.connect(['demo']);
    cleanups.push(() => chat.disconnect());

    const sim = new ViewerSimulator(server, {
      channel: '#demo',
      viewers: 20,
      ratePerSec: 400,
      variables,
      seed: 42,
    });
    const started = performance.now();
    sim.start();
    cleanups.push(() => sim.stop());
    await waitFor(() => sim.stats().sent >= 200, { timeoutMs: 5000 });
    sim.stop();
    const elapsedSec = (performance.now() - started) / 1000;
    const sent = sim.stats().sent;
    // Never faster than asked (one tick of slack); not far slower either.
    expect(sent).toBeLessThanOrEqual(Math.ceil(400 * elapsedSec) + 4);
    expect(sent).toBeGreaterThanOrEqual(400 * elapsedSec * 0.5);
    await waitFor(() => messages.length === sent, { timeoutMs: 5000 });

    // Several lines share a frame (one arrival stamp), so the timer does not fire once per message.
    expect(new Set(messages.map((m) => m.arrivalMs)).size).toBeLessThan(messages.length);
    const idsByName = new Map<string, Set<string>>();
    for (const m of messages)
      idsByName.set(m.userName, (idsByName.get(m.userName) ?? new Set()).add(m.userId));
    expect(idsByName.size).toBeGreaterThan(5);
    expect(idsByName.size).toBeLessThanOrEqual(20);
    for (const ids of idsByName.values()) expect(ids.size).toBe(1);
    const roles = new Map(sim.viewers.map((v) => [v.name, v.role]));
    for (const m of messages) expect(m.role).toBe(roles.get(m.userName));
  });

  it('mostly sends valid in-range commands, with some relative, note names, chatter and junk', () => {
    const sim = new ViewerSimulator(
      { sayLines: () => 0, buildPrivmsg: () => '' },
      {
        channel: 'demo',
        viewers: 100,
        ratePerSec: 1,
        variables,
        seed: 7,
      },
    );
    const texts = Array.from({ length: 5000 }, () => sim.nextText());
    const share = (re: RegExp) => texts.filter((t) => re.test(t)).length / texts.length;
    const validCutoff = texts.filter((t) => {
      const m = /^!(cutoff|cut) (\d+)$/i.exec(t);
      return m && Number(m[2]) >= 0 && Number(m[2]) <= 100;
    }).length;
    expect(validCutoff / texts.length).toBeGreaterThan(0.12);
    expect(share(/^!(cutoff|cut) [+-]\d+$/i)).toBeGreaterThan(0.01);
    expect(share(/^!pitch [A-G][#b]?[2-5]$/i)).toBeGreaterThan(0.05);
    expect(share(/^!gate (on|off|1|0)$/i)).toBeGreaterThan(0.1);
    expect(share(/^[^!]/)).toBeGreaterThan(0.05); // plain chatter
    expect(share(/^!\w+ (NaN|Infinity|1e999|0x10|--5|abc)$/)).toBeGreaterThan(0.01);
    expect(share(/[\u034f\u200b]|\u{e0000}/u)).toBeGreaterThan(0.005);
    expect(share(/^!\w+ -?\d+$/)).toBeGreaterThan(0.3);
    expect(texts.some((t) => /^!(CUTOFF|Cutoff)/.test(t))).toBe(true);
    // Same seed, same messages.
    const again = new ViewerSimulator(
      { sayLines: () => 0, buildPrivmsg: () => '' },
      {
        channel: 'demo',
        viewers: 100,
        ratePerSec: 1,
        variables,
        seed: 7,
      },
    );
    expect(Array.from({ length: 5000 }, () => again.nextText())).toEqual(texts);
  });

  it('gives a crowd with a few mods, VIPs and subscribers', () => {
    const sim = new ViewerSimulator(
      { sayLines: () => 0, buildPrivmsg: () => '' },
      {
        channel: 'demo',
        viewers: 1000,
        ratePerSec: 1,
        variables,
        seed: 3,
      },
    );
    const count = (role: string) => sim.viewers.filter((v) => v.role === role).length;
    expect(new Set(sim.viewers.map((v) => v.name)).size).toBe(1000);
    expect(count('moderator')).toBeGreaterThan(5);
    expect(count('vip')).toBeGreaterThan(10);
    expect(count('subscriber')).toBeGreaterThan(100);
    expect(count('everyone')).toBeGreaterThan(700);
  });

  it('refuses nonsense options', () => {
    const server = { sayLines: () => 0, buildPrivmsg: () => '' };
    expect(() => new ViewerSimulator(server, { channel: 'c', viewers: 0, ratePerSec: 1, variables })).toThrow(
      'viewers',
    );
    expect(
      () => new ViewerSimulator(server, { channel: 'c', viewers: 1, ratePerSec: -1, variables }),
    ).toThrow('ratePerSec');
    expect(
      () => new ViewerSimulator(server, { channel: 'c', viewers: 1, ratePerSec: 1, variables: [] }),
    ).toThrow('variable');
  });
});
