// The `twitch-cv` command as a streamer runs it: a real process, real HTTP, real signals, a real SQLite file.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTwitchServer } from '../../electron/core/chat/fakeTwitchServer';
import { OscListener } from '../helpers/oscListener';
import { waitFor } from '../helpers/waitFor';

const BIN = path.resolve(__dirname, '../../bin/twitch-cv.mjs');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'twitch-cv-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Proc {
  child: ChildProcessWithoutNullStreams;
  out: string[];
  exit: Promise<number | null>;
}

function runCli(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  const out: string[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(...d.toString().split('\n')));
  child.stderr.on('data', (d: Buffer) => out.push(...d.toString().split('\n')));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, out, exit };
}

const config = {
  channels: ['clitest'],
  variables: [{ name: 'cutoff', address: '/cv/cutoff', min: 0, max: 100, default: 50 }],
  rateLimit: { perUser: { capacity: 1000, refillPerSec: 1000 }, global: { perSec: 100_000 } },
  analytics: { batchMs: 2000 },
  overload: { maxLagMs: 10_000, targetLagMs: 10_000, memoryCapMb: 4096 }, // a busy test machine must not shed these as overloaded
};

describe('twitch-cv run', () => {
  it('serves health, metrics and state, and on SIGTERM flushes every buffered row and exits 0', async () => {
    const twitch = new FakeTwitchServer();
    const { url } = await twitch.start();
    cleanups.push(() => twitch.stop());
    const osc = await OscListener.start();
    cleanups.push(() => osc.close());
    const dir = tempDir();
    const configPath = path.join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify(config));
    const p = runCli([
      'run',
      '--config',
      configPath,
      '--data-dir',
      dir,
      '--twitch-server',
      url,
      '--osc',
      `127.0.0.1:${osc.port}`,
      '--http',
      '127.0.0.1:0',
    ]);
    const listening = await waitFor(
      () => p.out.map((l) => /HTTP listening on (\S+)/.exec(l)?.[1]).find(Boolean),
      { timeoutMs: 20_000 },
    );
    await twitch.waitForJoin('clitest', 20_000);

    const health = await fetch(`${listening}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { chat: { connected: boolean }; osc: { targets: unknown[] } };
    expect(body.chat.connected).toBe(true);
    expect(body.osc.targets).toEqual([{ host: '127.0.0.1', port: osc.port }]);

    const N = 300;
    for (let i = 0; i < N; i++)
      twitch.say('clitest', { user: `viewer${i % 30}`, text: `!cutoff ${i % 101}` });
    await waitFor(() => osc.messages.filter((m) => m.address === '/cv/cutoff').length >= N + 1, {
      timeoutMs: 15_000,
    });

    const state = (await (await fetch(`${listening}/api/state`)).json()) as {
      variables: { name: string; value: number; output: number }[];
      counters: { accepted: number };
      latency: { process: { p99: number; count: number } };
      activeUsers: number;
    };
    expect(state.variables[0]).toMatchObject({ name: 'cutoff', value: (N - 1) % 101 });
    expect(state.counters.accepted).toBe(N);
    expect(state.latency.process.count).toBe(N);
    expect(state.activeUsers).toBe(30);

    const metrics = await (await fetch(`${listening}/metrics`)).text();
    expect(metrics).toMatch(/twitchcv_commands_total\{outcome="accepted"[^}]*\} 300/);
    expect(metrics).toMatch(/twitchcv_latency_seconds_bucket\{[^}]*le="\+Inf"\} \d+/);

    // The analytics batch interval is 2 s, so rows are still in memory now: SIGTERM must flush them.
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
    const db = new Database(path.join(dir, 'twitch-cv.db'), { readonly: true });
    const rows = db.prepare("select count(*) as n from commands where outcome = 'accepted'").get() as {
      n: number;
    };
    db.close();
    expect(rows.n).toBe(N);
  }, 60_000);

  it('saves dashboard edits to the config file (not the flags), and hot-reloads good file edits only', async () => {
    const twitch = new FakeTwitchServer();
    const { url } = await twitch.start();
    cleanups.push(() => twitch.stop());
    const dir = tempDir();
    const configPath = path.join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify(config));
    const p = runCli([
      'run',
      '--config',
      configPath,
      '--data-dir',
      dir,
      '--twitch-server',
      url,
      '--osc',
      '127.0.0.1:9',
      '--http',
      '127.0.0.1:0',
    ]);
    const base = await waitFor(() => p.out.map((l) => /HTTP listening on (\S+)/.exec(l)?.[1]).find(Boolean), {
      timeoutMs: 20_000,
    });
    const state = async () =>
      (await (await fetch(`${base}/api/state`)).json()) as { variables: { name: string; max: number }[] };

    // A dashboard edit over the bridge, the way the UI sends it.
    const ws = new WebSocket(`${base!.replace('http', 'ws')}/bridge`);
    await new Promise((resolve, reject) => ((ws.onopen = resolve), (ws.onerror = reject)));
    const reply = new Promise<{ ok: boolean; result: unknown }>((resolve) => {
      ws.onmessage = (m) => {
        const data = JSON.parse(String(m.data)) as { id?: number; ok: boolean; result: unknown };
        if (data.id === 1) resolve(data);
      };
    });
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'updateVariable',
        input: { index: 0, variable: { name: 'cutoff', address: '/cv/cutoff', max: 127 } },
      }),
    );
    expect(await reply).toMatchObject({ ok: true, result: { ok: true } });
    ws.close();
    await waitFor(() => JSON.parse(readFileSync(configPath, 'utf8')).variables[0].max === 127, {
      what: 'the edit saved to the file',
    });
    const saved = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(saved.osc).toEqual([{ host: '127.0.0.1', port: 7400 }]); // the file's target, not the --osc flag's
    expect(saved.twitch.server).toBe('wss://irc-ws.chat.twitch.tv:443');

    // A bad edit of the file is refused, naming the field; the last good config stays in force.
    writeFileSync(
      configPath,
      JSON.stringify({ ...config, variables: [{ name: 'cutoff', address: '/cv/cutoff', min: 5, max: 1 }] }),
    );
    await waitFor(
      () =>
        p.out.some(
          (l) =>
            /config reload refused.*variables\.0\.max/s.test(l) ||
            /variables\.0\.max: max must be greater than min/.test(l),
        ),
      { timeoutMs: 10_000 },
    );
    expect((await state()).variables[0]!.max).toBe(127);
    // A good edit is applied live.
    writeFileSync(
      configPath,
      JSON.stringify({ ...config, variables: [{ name: 'cutoff', address: '/cv/cutoff', max: 64 }] }),
    );
    await waitFor(async () => (await state()).variables[0]!.max === 64, {
      timeoutMs: 10_000,
      what: 'the reloaded config',
    });
    p.child.kill('SIGTERM');
    expect(await p.exit).toBe(0);
  }, 60_000);

  it('refuses a config that does not parse, naming the bad field, and exits non-zero', async () => {
    const dir = tempDir();
    const configPath = path.join(dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ ...config, osc: { host: '127.0.0.1', port: 70000 } }));
    const p = runCli(['run', '--config', configPath, '--data-dir', dir]);
    expect(await p.exit).toBe(1);
    expect(p.out.join('\n')).toMatch(/osc\.port: port must be 1–65535/);
  }, 30_000);

  it('explains a missing --config', async () => {
    const p = runCli(['run']);
    expect(await p.exit).toBe(2);
    expect(p.out.join('\n')).toMatch(/--config <file.json> is required/);
  }, 30_000);
});
