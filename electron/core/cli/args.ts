// Command-line flags for `twitch-cv run` and `twitch-cv demo`, turned into config overrides.
import { parseArgs } from 'node:util';

export interface HostPort {
  host: string;
  port: number;
}

/** `127.0.0.1:7400`, `[::1]:7400`, `localhost:7400` or a bare port (host defaults to 127.0.0.1). */
export function parseHostPort(text: string, flag: string): HostPort {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  if (!m) throw new UsageError(`${flag} expects host:port (for example 127.0.0.1:7400), got "${text}"`);
  const host = m[1] || m[2] || '127.0.0.1';
  const port = Number(m[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag}: port must be 0–65535, got "${m[3]}"`);
  return { host, port };
}

export class UsageError extends Error {}

export interface RunFlags {
  config: string | undefined;
  dataDir: string | undefined;
  channels: string[];
  twitchServer: string | undefined;
  osc: HostPort[];
  http: HostPort | undefined;
  token: string | undefined;
}

export function parseRunFlags(argv: string[]): RunFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string', short: 'c' },
        'data-dir': { type: 'string' },
        channel: { type: 'string', multiple: true },
        'twitch-server': { type: 'string' },
        osc: { type: 'string', multiple: true },
        http: { type: 'string' },
        token: { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    config: values.config,
    dataDir: values['data-dir'],
    channels: values.channel ?? [],
    twitchServer: values['twitch-server'],
    osc: (values.osc ?? []).map((o) => parseHostPort(o, '--osc')),
    http: values.http === undefined ? undefined : parseHostPort(values.http, '--http'),
    token: values.token ?? process.env.TWITCH_CV_TOKEN,
  };
}
