// The engine end to end: chat lines over a real WebSocket through the real tmi.js client, decoded OSC bytes out.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, startRig, type Rig } from './harness';
import { waitFor } from '../helpers/waitFor';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const cutoff = { name: 'cutoff', address: '/cv/cutoff', min: 0, max: 100, default: 50, outMin: 0, outMax: 1 };

function valuesAt(r: Rig, address: string): number[] {
  return r.osc.messages.filter((m) => m.address === address).map((m) => m.args[0] as number);
}

describe('chat to OSC', () => {
  it('sends an accepted command as one float32 at the variable address', async () => {
    rig = await startRig([cutoff]);
    const start = rig.osc.messages.length;
    rig.twitch.say(CHANNEL, { user: 'alice', text: '!cutoff 70' });
    const m = await rig.osc.waitFor(
      (m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.7) < 1e-6,
    );
    expect(m.types).toBe(',f');
    expect(m.args).toHaveLength(1);
    // Exactly one datagram for the one command (after the start-up value).
    expect(rig.osc.messages.slice(start).filter((x) => x.address === '/cv/cutoff')).toHaveLength(1);
  });

  it('keeps the order of commands and applies relative values to the current target', async () => {
    rig = await startRig([cutoff]);
    for (const text of ['!cutoff 10', '!cutoff +10', '!CUTOFF -5', '!Cutoff 90'])
      rig.twitch.say(CHANNEL, { user: 'bob', text });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.9) < 1e-6);
    const sent = valuesAt(rig, '/cv/cutoff')
      .slice(-4)
      .map((v) => Math.round(v * 100));
    expect(sent).toEqual([10, 20, 15, 90]);
  });

  it('refuses bad input with a reason and never lets it reach OSC', async () => {
    rig = await startRig([cutoff]);
    const bad = [
      '!cutoff NaN',
      '!cutoff Infinity',
      '!cutoff 1e999',
      '!cutoff 0x10',
      '!cutoff --5',
      '!cutoff',
      '!nosuch 5',
      '!cutoff ' + '9'.repeat(600),
    ];
    const before = valuesAt(rig, '/cv/cutoff').length;
    for (const text of bad) rig.twitch.say(CHANNEL, { user: 'mallory', text });
    rig.twitch.say(CHANNEL, { user: 'mallory', text: '!cutoff 33' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.33) < 1e-6);
    expect(valuesAt(rig, '/cv/cutoff').length - before).toBe(1);
    const s = rig.headless.engine.snapshot();
    expect(s.counters.byReason.bad_value).toBeGreaterThanOrEqual(5);
    expect(s.counters.byReason.unknown_variable).toBe(1);
    expect(s.counters.byReason.too_long).toBe(1);
  });

  it('strips the invisible characters chat clients append to repeated messages', async () => {
    rig = await startRig([cutoff]);
    rig.twitch.say(CHANNEL, { user: 'carol', text: '!cutoff 42 \u034f' });
    rig.twitch.say(CHANNEL, { user: 'carol', text: '!cutoff 43\u200b' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.43) < 1e-6);
    expect(valuesAt(rig, '/cv/cutoff').map((v) => Math.round(v * 100))).toContain(42);
  });

  it('ramps a slewed variable at oscRateHz and lands on the target', async () => {
    rig = await startRig([{ ...cutoff, default: 0, slewMs: 200 }], { oscRateHz: 100 });
    rig.twitch.say(CHANNEL, { user: 'dave', text: '!cutoff 100' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && (m.args[0] as number) === 1, 5000);
    const ramp = valuesAt(rig, '/cv/cutoff').filter((v) => v > 0);
    expect(ramp.length).toBeGreaterThanOrEqual(5); // several steps, not one jump
    for (let i = 1; i < ramp.length; i++) expect(ramp[i]!).toBeGreaterThanOrEqual(ramp[i - 1]!);
  });

  it('lets the most requested value win a vote window', async () => {
    rig = await startRig([
      {
        name: 'wave',
        address: '/cv/wave',
        min: 1,
        max: 4,
        default: 1,
        outMin: 1,
        outMax: 4,
        mode: 'vote',
        windowMs: 300,
      },
    ]);
    rig.twitch.say(CHANNEL, { user: 'u1', text: '!wave 2' });
    rig.twitch.say(CHANNEL, { user: 'u2', text: '!wave 3' });
    rig.twitch.say(CHANNEL, { user: 'u3', text: '!wave 3' });
    const m = await rig.osc.waitFor((m) => m.address === '/cv/wave' && (m.args[0] as number) !== 1, 5000);
    expect(m.args[0]).toBe(3);
    expect(valuesAt(rig, '/cv/wave').filter((v) => v === 2)).toHaveLength(0);
  });

  it('sends 1 V/oct for a quantized pitch', async () => {
    rig = await startRig([
      { name: 'pitch', type: 'pitch', address: '/cv/pitch', scale: 'chromatic', root: 'C' },
    ]);
    rig.twitch.say(CHANNEL, { user: 'erin', text: '!pitch C#5' }); // MIDI 73 → (73-60)/12 V
    const m = await rig.osc.waitFor((m) => m.address === '/cv/pitch' && (m.args[0] as number) > 1);
    expect(m.args[0]).toBeCloseTo(13 / 12, 5);
  });

  it('freezes chat on !panic from a moderator and thaws on !resume', async () => {
    rig = await startRig([cutoff]);
    rig.twitch.say(CHANNEL, { user: 'fan', text: '!cutoff 80' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.8) < 1e-6);
    const mark = rig.osc.messages.length;
    rig.twitch.say(CHANNEL, { user: 'fan', text: '!panic' }); // not a moderator
    rig.twitch.say(CHANNEL, { user: 'mod', text: '!panic', role: 'moderator' });
    await waitFor(() =>
      rig!.osc.messages
        .slice(mark)
        .find((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.5) < 1e-6),
    );
    rig.twitch.say(CHANNEL, { user: 'fan', text: '!cutoff 10' });
    await waitFor(() => rig!.headless.engine.stats.byReason.panic === 1);
    expect(rig.headless.engine.stats.byReason.permission).toBe(1);
    rig.twitch.say(CHANNEL, { user: 'mod', text: '!resume', role: 'moderator' });
    rig.twitch.say(CHANNEL, { user: 'fan', text: '!cutoff 20' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.2) < 1e-6);
    expect(valuesAt(rig, '/cv/cutoff').map((v) => Math.round(v * 100))).not.toContain(10);
  });

  it('rate-limits one user flooding a thousand messages', async () => {
    rig = await startRig([cutoff], {
      rateLimit: { perUser: { capacity: 5, refillPerSec: 1 }, global: { perSec: 100_000 } },
    });
    const lines = Array.from({ length: 1000 }, (_, i) =>
      rig!.twitch.buildPrivmsg(CHANNEL, { user: 'flood', userId: '999', text: `!cutoff ${i % 100}` }),
    );
    rig.twitch.sayLines(lines);
    await waitFor(() => rig!.headless.engine.stats.received >= 1000, { timeoutMs: 10_000 });
    const { accepted, byReason } = rig.headless.engine.stats;
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThanOrEqual(8); // the bucket, plus at most a few refills during the burst
    expect(byReason, JSON.stringify(byReason)).toMatchObject({ rate_limited: 1000 - accepted });
  });
});

describe('OSC bundles', () => {
  const twenty = (r: Rig) =>
    Array.from({ length: 20 }, (_, i) =>
      r.twitch.buildPrivmsg(CHANNEL, { user: `viewer${i}`, text: `!cutoff ${i + 1}` }),
    );

  it('sends the 20 commands of one WebSocket frame as one datagram: a bundle of 20 messages, in order', async () => {
    rig = await startRig([cutoff]);
    await rig.osc.waitForCount(1); // the start-up value
    rig.osc.clear();
    rig.twitch.sayLines(twenty(rig));
    const messages = await rig.osc.waitForCount(20);
    await waitFor(() => rig!.headless.engine.stats.received === 20);
    expect(rig.osc.datagrams).toBe(1);
    expect(messages.map((m) => [m.address, m.types])).toEqual(Array(20).fill(['/cv/cutoff', ',f']));
    expect(messages.map((m) => Math.round((m.args[0] as number) * 100))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    // The dashboard counts messages (what the patch receives), not datagrams.
    await waitFor(() => rig!.headless.engine.snapshot().osc.sent === 1 + 20, { what: 'osc.sent 21' });
  });

  it('with oscBundles false, sends the same frame as 20 datagrams', async () => {
    rig = await startRig([cutoff], { oscBundles: false });
    await rig.osc.waitForCount(1);
    rig.osc.clear();
    rig.twitch.sayLines(twenty(rig));
    const messages = await rig.osc.waitForCount(20);
    expect(rig.osc.datagrams).toBe(20);
    expect(messages.map((m) => Math.round((m.args[0] as number) * 100))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
});

describe('connection', () => {
  it('reconnects after Twitch sends RECONNECT, rejoins, and does not process a repeated message twice', async () => {
    rig = await startRig([cutoff]);
    rig.twitch.say(CHANNEL, { user: 'gus', text: '!cutoff 11', id: 'fixed-id-1' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.11) < 1e-6);
    rig.twitch.reconnectAll(); // the old connection stops counting as joined at once
    await rig.twitch.waitForJoin(CHANNEL, 15_000);
    await waitFor(() => rig!.headless.engine.deps.chat.status().state === 'connected', { timeoutMs: 15_000 });
    rig.twitch.say(CHANNEL, { user: 'gus', text: '!cutoff 11', id: 'fixed-id-1' }); // a replay after reconnect
    rig.twitch.say(CHANNEL, { user: 'gus', text: '!cutoff 12' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.12) < 1e-6);
    expect(valuesAt(rig, '/cv/cutoff').filter((v) => Math.abs(v - 0.11) < 1e-6)).toHaveLength(1);
  });
});

describe('chat replies', () => {
  it('answers !cv in the channel when signed in (and reads anonymously otherwise)', async () => {
    rig = await startRig([cutoff], {
      twitch: { server: 'ws://placeholder', username: 'synthbot', token: 'oauth:secret' },
    });
    const reply = new Promise<string>((resolve) =>
      rig!.twitch.on('line', (line: string) => {
        if (line.startsWith('PRIVMSG #' + CHANNEL)) resolve(line);
      }),
    );
    rig.twitch.say(CHANNEL, { user: 'newviewer', text: '!cv' });
    expect(await reply).toMatch(/^PRIVMSG #synthstream :@newviewer .*cutoff/);
  });
});

describe('persistence', () => {
  it('restores values after a restart and sends them so the synth resumes where it was', async () => {
    rig = await startRig([cutoff]);
    rig.twitch.say(CHANNEL, { user: 'hal', text: '!cutoff 64' });
    await rig.osc.waitFor((m) => m.address === '/cv/cutoff' && Math.abs((m.args[0] as number) - 0.64) < 1e-6);
    const before = rig.osc.messages.length;
    await rig.restart();
    await waitFor(() => rig!.osc.messages.slice(before).find((m) => m.address === '/cv/cutoff'), {
      timeoutMs: 10_000,
    });
    const first = rig.osc.messages.slice(before).find((m) => m.address === '/cv/cutoff')!;
    expect(first.args[0]).toBeCloseTo(0.64, 6);
    expect(rig.headless.engine.snapshot().variables[0]!.value).toBe(64);
  });
});
