// The engine's UI contract: what the dashboard's buttons and forms do, checked at the OSC bytes and the state.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, type ConfigInput } from '../../../shared/config';
import type { EventName } from '../../../shared/contract';
import { MemoryChatSource } from '../chat/memoryChatSource';
import { createUdpOscSink } from '../osc/udpOscSink';
import { MemoryAnalyticsSink, MemoryStateStore } from '../store/memory';
import { OscListener } from '../../../test/helpers/oscListener';
import { waitFor } from '../../../test/helpers/waitFor';
import { Engine, type EngineDeps } from './engine';
import { buildSnapshot, SLOW_PARTS_TTL_MS } from './snapshot';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(
  extra: Partial<ConfigInput> = {},
  inject: Partial<Pick<EngineDeps, 'clock' | 'createOsc'>> = {},
) {
  const osc = await OscListener.start();
  const parsed = parseConfig({
    osc: { host: '127.0.0.1', port: osc.port },
    variables: [
      { name: 'cutoff', address: '/cv/cutoff', min: 0, max: 100, default: 50 },
      { name: 'gate', type: 'gate', address: '/cv/gate' },
    ],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const chat = new MemoryChatSource();
  const analytics = new MemoryAnalyticsSink();
  const state = new MemoryStateStore();
  const engine = await Engine.create({
    config: parsed.config,
    saveConfig: null,
    dataDir: null,
    chat,
    createOsc: inject.createOsc ?? createUdpOscSink,
    clock: inject.clock,
    analytics,
    state,
  });
  cleanups.push(async () => {
    await engine.stop();
    await osc.close();
  });
  return { engine, chat, osc, analytics, state };
}

describe('engine contract handlers', () => {
  it('connects to a channel, reports a failure with its reason, and remembers the channel', async () => {
    const { engine, chat } = await setup();
    chat.failNextConnect = '#nobody does not exist or has been suspended';
    expect(await engine.handle('connect', { channel: 'nobody' })).toEqual({
      ok: false,
      error: '#nobody does not exist or has been suspended',
    });
    expect(await engine.handle('connect', { channel: 'synthstream' })).toEqual({ ok: true });
    expect(engine.snapshot().chat).toMatchObject({ state: 'connected', channels: ['synthstream'] });
    expect(engine.config.channels).toEqual(['synthstream']);
  });

  it('panic sends every default at once and refuses chat until resume', async () => {
    const { engine, chat, osc } = await setup();
    await engine.handle('connect', { channel: 'c' });
    chat.receive('viewer', '!cutoff 90');
    chat.receive('viewer', '!gate on');
    await osc.waitFor((m) => m.address === '/cv/gate' && m.args[0] === 1);
    osc.clear();
    await engine.handle('panic', undefined);
    await osc.waitForCount(2);
    expect(osc.messages.map((m) => [m.address, m.args[0]])).toEqual([
      ['/cv/cutoff', 0.5],
      ['/cv/gate', 0],
    ]);
    chat.receive('viewer', '!cutoff 10');
    expect(engine.stats.byReason.panic).toBe(1);
    await engine.handle('resume', undefined);
    chat.receive('viewer', '!cutoff 10');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.1) < 1e-6);
  });

  it('a bad variable edit returns field errors and changes nothing; a good one applies live', async () => {
    const { engine, chat, osc } = await setup();
    const bad = await engine.handle('updateVariable', {
      index: 0,
      variable: { name: 'cutoff', address: '/cv/cutoff', min: 10, max: 5 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.fieldErrors).toContainEqual({ path: 'max', message: 'max must be greater than min' });
    expect(engine.config.variables[0]!.max).toBe(100);

    const good = await engine.handle('updateVariable', {
      index: 0,
      variable: { name: 'cutoff', address: '/cv/filter', min: 0, max: 10 },
    });
    expect(good).toEqual({ ok: true });
    await engine.handle('connect', { channel: 'c' });
    chat.receive('viewer', '!cutoff 10');
    // New address (a new sink was built) and new range (10 is now the top).
    await osc.waitFor((m) => m.address === '/cv/filter' && m.args[0] === 1);
  });

  it('refuses an OSC host that does not resolve, naming the field, and keeps sending to the old target', async () => {
    const { engine, chat, osc } = await setup();
    const r = await engine.handle('updateSettings', { osc: [{ host: 'no-such-host.invalid', port: 7400 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors?.[0]?.path).toBe('osc.0.host');
    await engine.handle('connect', { channel: 'c' });
    chat.receive('viewer', '!cutoff 20');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.2) < 1e-6);
  });

  it('sends a test value to the configured target', async () => {
    const { engine, osc } = await setup();
    expect(await engine.handle('sendTestValue', { address: '/cv/test', value: 0.25 })).toEqual({ ok: true });
    await osc.waitFor((m) => m.address === '/cv/test' && m.args[0] === 0.25);
  });

  it('blocks a user: their commands are refused as blocked until unblocked', async () => {
    const { engine, chat } = await setup();
    await engine.handle('connect', { channel: 'c' });
    chat.receive('troll', '!cutoff 1');
    await engine.handle('blockUser', { userId: 'id-troll', userName: 'troll' });
    chat.receive('troll', '!cutoff 2');
    expect(engine.stats.byReason.blocked).toBe(1);
    const users = await engine.handle('getUsers', { query: 'tro' });
    expect(users[0]).toMatchObject({ userName: 'troll', blocked: true, accepted: 1, refused: 1 });
    await engine.handle('unblockUser', { userId: 'id-troll' });
    chat.receive('troll', '!cutoff 3');
    expect(engine.stats.accepted).toBe(2);
  });

  it('pushes batched snapshots and command events to subscribers, never one per chat line', async () => {
    const { engine, chat } = await setup({ rateLimit: { perUser: { capacity: 1000, refillPerSec: 1000 } } });
    await engine.handle('connect', { channel: 'c' });
    const seen: Record<EventName, number> = { snapshot: 0, commands: 0, config: 0 };
    let rows = 0;
    engine.subscribe((event, payload) => {
      seen[event]++;
      if (event === 'commands')
        rows +=
          (payload as { events: unknown[]; dropped: number }).events.length +
          (payload as { dropped: number }).dropped;
    });
    for (let i = 0; i < 2000; i++) chat.receive(`v${i % 50}`, `!cutoff ${i % 100}`);
    await waitFor(() => rows === 2000, { timeoutMs: 3000, what: 'all 2000 rows in the feed' });
    expect(seen.commands).toBeLessThan(5);
    expect(seen.snapshot).toBeGreaterThanOrEqual(1);
  });

  it('answers !cv in chat when logged in, within Twitch send limits, and stays silent when read-only', async () => {
    const { engine, chat } = await setup({
      variables: [
        { name: 'cutoff', address: '/cv/cutoff' },
        { name: 'wave', address: '/cv/wave', permission: 'subscriber' },
      ],
    });
    await engine.handle('connect', { channel: 'c' });
    chat.receive('viewer', '!cv');
    chat.receive('viewer', '!cv'); // the same viewer again within 30 s: no second reply
    chat.receive('sub', '!cv', 'subscriber');
    expect(chat.sent.map((m) => m.text)).toHaveLength(2);
    expect(chat.sent[0]!.text).toMatch(/^@viewer .*cutoff/);
    expect(chat.sent[0]!.text).not.toMatch(/wave/);
    expect(chat.sent[1]!.text).toMatch(/^@sub .*wave/);
    expect(engine.stats.accepted).toBe(3);
    chat.canChat = false;
    chat.receive('other', '!cv');
    expect(chat.sent).toHaveLength(2);
  });

  it('records every decision for analytics and saves values for the next start', async () => {
    const { engine, chat, analytics, state } = await setup();
    await engine.handle('connect', { channel: 'c' });
    chat.receive('a', '!cutoff 77');
    chat.receive('a', '!nope 1');
    expect(analytics.events.map((e) => [e.outcome, e.reason, e.variable, e.value])).toEqual([
      ['accepted', null, 'cutoff', 77],
      ['refused', 'unknown_variable', null, null],
    ]);
    await waitFor(() => state.load()?.values.cutoff === 77, { what: 'the saved value' });
  });
});

describe('engine: one chat frame, one datagram', () => {
  it("sends a frame's changes as one bundle, then records each command's latency including that send", async () => {
    // The send "takes" 40 ms on the engine's clock: a latency taken before the send would miss it.
    let offsetMs = 0;
    const clock = { now: () => performance.now() + offsetMs, wallNow: () => Date.now() };
    const createOsc: EngineDeps['createOsc'] = async (targets, addresses) => {
      const sink = await createUdpOscSink(targets, addresses);
      const sendBatch = sink.sendBatch.bind(sink);
      sink.sendBatch = (indices, values, count) => {
        sendBatch(indices, values, count);
        offsetMs += 40;
      };
      return sink;
    };
    const { engine, chat, osc, analytics } = await setup({}, { clock, createOsc });
    await engine.handle('connect', { channel: 'c' });
    await osc.waitForCount(2); // the start-up values, one datagram each
    osc.clear();
    offsetMs = 0;

    chat.receiveFrame([
      { user: 'a', text: '!cutoff 10' },
      { user: 'b', text: '!nope 1' },
      { user: 'c', text: '!gate on' },
      { user: 'd', text: '!cutoff 30' },
    ]);
    // Counters are synchronous; the frame went out as one bundle of its three changes, in order.
    expect(engine.stats.accepted).toBe(3);
    const messages = await osc.waitForCount(3);
    expect(osc.datagrams).toBe(1);
    expect(messages.map((m) => [m.address, Math.round((m.args[0] as number) * 100)])).toEqual([
      ['/cv/cutoff', 10],
      ['/cv/gate', 100],
      ['/cv/cutoff', 30],
    ]);
    const latency = engine.processLatency.summary();
    expect(latency.count).toBe(3);
    expect(latency.p50).toBeGreaterThanOrEqual(40);
    expect(analytics.events.map((e) => [e.outcome, e.latencyUs >= 40_000])).toEqual([
      ['accepted', true],
      ['refused', false], // a refused command waits for no send
      ['accepted', true],
      ['accepted', true],
    ]);
  });

  it('sends each change at once outside a frame and with oscBundles false', async () => {
    const { engine, chat, osc } = await setup({ oscBundles: false });
    await engine.handle('connect', { channel: 'c' });
    await osc.waitForCount(2);
    osc.clear();
    chat.receiveFrame([
      { user: 'a', text: '!cutoff 10' },
      { user: 'b', text: '!cutoff 20' },
    ]);
    await osc.waitForCount(2);
    expect(osc.datagrams).toBe(2);
    expect(engine.processLatency.summary().count).toBe(2);
  });
});

describe('snapshots', () => {
  it('dashboard ticks reuse the latency window for SLOW_PARTS_TTL_MS; /api/state always computes it', async () => {
    let offsetMs = 0;
    const clock = { now: () => performance.now() + offsetMs, wallNow: () => Date.now() };
    const { engine, chat, osc } = await setup({}, { clock });
    await engine.handle('connect', { channel: 'c' });
    chat.receive('viewer', '!cutoff 10');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.1) < 1e-6);
    expect(buildSnapshot(engine, SLOW_PARTS_TTL_MS).latency.process.count).toBe(1);
    chat.receive('viewer2', '!cutoff 20');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.2) < 1e-6);
    // Within the reuse window the tick shows the earlier figure; a request (/api/state) sees the new one.
    expect(buildSnapshot(engine, SLOW_PARTS_TTL_MS).latency.process.count).toBe(1);
    expect(engine.snapshot().latency.process.count).toBe(2);
    chat.receive('viewer3', '!cutoff 30');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.3) < 1e-6);
    expect(buildSnapshot(engine, SLOW_PARTS_TTL_MS).latency.process.count).toBe(2);
    // Once the window has passed, the tick recomputes.
    offsetMs += SLOW_PARTS_TTL_MS;
    expect(buildSnapshot(engine, SLOW_PARTS_TTL_MS).latency.process.count).toBe(3);
  });
});

describe('shedding under overload', () => {
  it('refuses viewers as overloaded without a row each, keeps moderators, and tallies the shed ones', async () => {
    // A wall clock standing still, so all 50 fall in one second whatever the machine's speed.
    const clock = { now: () => performance.now(), wallNow: () => 1_700_000_000_250 };
    const { engine, chat, osc, analytics } = await setup({}, { clock });
    await engine.handle('connect', { channel: 'c' });
    // Over the memory cap: every viewer's command is shed (the same switch the housekeeping timer flips).
    engine.overload.sampleMemory(1e9);
    for (let i = 0; i < 50; i++) chat.receive(`viewer${i}`, `!cutoff ${i}`);
    chat.receive('mod', '!cutoff 77', 'moderator');
    await osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.77) < 1e-6);
    // Only the moderator's command reached OSC (the initial value went out at start-up).
    expect(osc.messages.filter((m) => m.address === '/cv/cutoff').map((m) => m.args[0])).toEqual([
      0.5,
      expect.closeTo(0.77, 6),
    ]);
    expect(engine.stats.byReason.overloaded).toBe(50);
    expect(engine.stats.received).toBe(51);
    expect(analytics.events.filter((e) => e.reason === 'overloaded')).toEqual([]);
    await engine.stop(); // shutdown writes the open second's tally
    const tallies = analytics.events.filter((e) => e.reason === 'overloaded');
    expect(tallies).toEqual([
      expect.objectContaining({ channel: 'c', value: 50, userId: '', ts: 1_700_000_000_250 }),
    ]);
    expect(analytics.events.filter((e) => e.userName === 'mod')).toHaveLength(1);
  });
});
