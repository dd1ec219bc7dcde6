// `twitch-cv osc-monitor --port <p>`: print every OSC message that arrives, for checking a patch's wiring.
import { parseArgs } from 'node:util';
import { startOscMonitor } from '../osc/oscMonitor';
import { UsageError } from './args';
import { untilSignal } from './signals';

export async function oscMonitorCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) {
    console.log('twitch-cv osc-monitor --port <p> [--host 127.0.0.1]');
    return 0;
  }
  if (values.port === undefined) throw new UsageError('--port <p> is required (Max/MSP examples use 7400)');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be 0–65535, got "${values.port}"`);
  const monitor = await startOscMonitor({
    host: values.host ?? '127.0.0.1',
    port,
    print: (line) => console.log(line),
  });
  console.error(`listening for OSC on udp://${values.host ?? '127.0.0.1'}:${monitor.port} (Ctrl+C to stop)`);
  await untilSignal();
  await monitor.close();
  return 0;
}
