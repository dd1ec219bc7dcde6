// An end-to-end rig: a fake Twitch IRC server (real WebSocket, real IRC lines) feeding the real engine with its
// real adapters (tmi.js, UDP, SQLite), and a UDP listener decoding the OSC it sends.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, type ConfigInput } from '../../shared/config';
import { FakeTwitchServer } from '../../electron/core/chat/fakeTwitchServer';
import { startHeadless, type Headless } from '../../electron/core/engine/compose';
import { OscListener } from '../helpers/oscListener';

export const CHANNEL = 'synthstream';

export interface Rig {
  twitch: FakeTwitchServer;
  osc: OscListener;
  headless: Headless;
  dataDir: string;
  lines: string[];
  /** Restart the engine on the same data dir (a streamer closing and reopening the app). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(
  variables: ConfigInput['variables'],
  extra: Partial<ConfigInput> = {},
  opts: { http?: boolean; dataDir?: string } = {},
): Promise<Rig> {
  const twitch = new FakeTwitchServer();
  const { url } = await twitch.start();
  const osc = await OscListener.start();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'twitch-cv-it-'));
  const parsed = parseConfig({
    channels: [CHANNEL],
    osc: { host: '127.0.0.1', port: osc.port },
    rateLimit: { perUser: { capacity: 1000, refillPerSec: 1000 }, global: { perSec: 100_000 } },
    // These tests are about behaviour, not capacity: a machine busy with other work must not make the engine
    // shed their commands as overloaded. Load shedding has its own tests.
    overload: { maxLagMs: 10_000, targetLagMs: 10_000, memoryCapMb: 4096 },
    ...extra,
    // The fake server's address is only known now; any other twitch settings (a login) are kept.
    twitch: { ...extra.twitch, server: url },
    variables,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const lines: string[] = [];
  const boot = async () => {
    const h = await startHeadless({
      config: parsed.config,
      configPath: null,
      dataDir,
      http: opts.http ? { host: '127.0.0.1', port: 0 } : undefined,
      log: (l) => lines.push(l),
    });
    await twitch.waitForJoin(CHANNEL);
    return h;
  };
  const rig: Rig = {
    twitch,
    osc,
    headless: await boot(),
    dataDir,
    lines,
    async restart() {
      await rig.headless.stop();
      rig.headless = await boot();
    },
    async close() {
      await rig.headless.stop();
      await osc.close();
      await twitch.stop();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return rig;
}
