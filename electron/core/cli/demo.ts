// `twitch-cv demo`: the whole product with no Twitch account and no synth. A fake Twitch server with simulated
// viewers feeds the real engine over the real protocol; an OSC monitor prints what a patch would receive.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, formatConfigErrors } from '../../../shared/config';
import type { CommandEvent } from '../../../shared/domain';
import { FakeTwitchServer } from '../chat/fakeTwitchServer';
import { ViewerSimulator } from '../chat/viewerSimulator';
import { startOscMonitor } from '../osc/oscMonitor';
import { startHeadless } from '../engine/compose';
import { exampleConfig } from '../engine/exampleConfig';
import { parseHostPort, UsageError } from './args';
import { untilSignal } from './signals';

const DEMO_CHANNEL = 'demo';

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  return n;
}

export async function demoCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        viewers: { type: 'string' },
        rate: { type: 'string' },
        http: { type: 'string' },
        'osc-port': { type: 'string' },
        'data-dir': { type: 'string' },
        duration: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    console.log(
      'twitch-cv demo [--viewers 50] [--rate 5] [--http 127.0.0.1:7373] [--osc-port 0] [--duration <s>] [--quiet]',
    );
    return 0;
  }
  const viewers = Math.round(positive(values.viewers, '--viewers', 50));
  const rate = positive(values.rate, '--rate', 5);
  const http = parseHostPort(values.http ?? '127.0.0.1:7373', '--http');
  const oscPort = values['osc-port'] === undefined ? 0 : parseHostPort(values['osc-port'], '--osc-port').port;
  const durationSec = values.duration === undefined ? null : positive(values.duration, '--duration', 0);
  const dataDir = values['data-dir'] ?? mkdtempSync(path.join(os.tmpdir(), 'twitch-cv-demo-'));

  const twitch = new FakeTwitchServer();
  const { url } = await twitch.start();
  const monitor = await startOscMonitor({
    port: oscPort,
    print: values.quiet ? () => {} : (line) => console.log(`  OSC  ${line}`),
  });

  const parsed = parseConfig({
    ...exampleConfig(),
    channels: [DEMO_CHANNEL],
    osc: { host: '127.0.0.1', port: monitor.port },
    twitch: { server: url },
  });
  if (!parsed.ok) throw new Error(`the demo config is invalid:\n${formatConfigErrors(parsed.errors)}`);
  const config = parsed.config;

  const log = (line: string) => console.log(`[engine] ${line}`);
  const headless = await startHeadless({ config, configPath: null, dataDir, http, log });
  await twitch.waitForJoin(DEMO_CHANNEL);
  if (!values.quiet) {
    // Show each chat line beside what it became, so the OSC lines below it make sense.
    headless.engine.subscribe((event, payload) => {
      if (event !== 'commands') return;
      for (const e of (payload as { events: CommandEvent[] }).events) {
        const verdict = e.outcome === 'accepted' ? 'accepted' : `refused: ${e.reason}`;
        console.log(`  CHAT ${e.userName}: ${e.raw.slice(0, 60)}  → ${verdict}`);
      }
    });
  }
  const sim = new ViewerSimulator(twitch, {
    channel: DEMO_CHANNEL,
    viewers,
    ratePerSec: rate,
    variables: config.variables,
  });
  sim.start();

  console.log(`
Twitch-to-CV demo
  fake Twitch chat   ${url}  (#${DEMO_CHANNEL}, ${viewers} simulated viewers, ${rate} commands/s)
  OSC monitor        udp://127.0.0.1:${monitor.port}  (lines below marked OSC are what Max/MSP would receive)
  dashboard          ${headless.http?.url ?? '(off)'}/      state: ${headless.http?.url ?? ''}/api/state
  data               ${dataDir}
Press Ctrl+C to stop.
`);

  const signal =
    durationSec === null
      ? await untilSignal()
      : await Promise.race([
          untilSignal(),
          new Promise<string>((r) => setTimeout(() => r('time'), durationSec * 1000)),
        ]);
  console.log(`[demo] ${signal}: stopping`);
  sim.stop();
  await headless.stop();
  await monitor.close();
  await twitch.stop();
  const s = headless.engine.stats;
  console.log(`[demo] ${s.received} chat messages: ${s.accepted} accepted, ${s.refused} refused`);
  return 0;
}
