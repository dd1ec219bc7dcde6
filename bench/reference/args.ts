// Flags shared by the two reference subjects: --server ws://127.0.0.1:PORT --channel NAME --osc 127.0.0.1:PORT
import { parseArgs } from 'node:util';

export interface ReferenceArgs {
  server: URL;
  channel: string;
  oscHost: string;
  oscPort: number;
}

export function parseReferenceArgs(argv: string[]): ReferenceArgs {
  const { values } = parseArgs({
    args: argv,
    options: { server: { type: 'string' }, channel: { type: 'string' }, osc: { type: 'string' } },
  });
  if (!values.server || !values.channel || !values.osc)
    throw new Error('usage: --server ws://127.0.0.1:PORT --channel NAME --osc 127.0.0.1:PORT');
  const m = /^([\d.]+):(\d+)$/.exec(values.osc);
  if (!m)
    throw new Error(`--osc expects an IPv4 address and port such as 127.0.0.1:7400, got "${values.osc}"`);
  return { server: new URL(values.server), channel: values.channel, oscHost: m[1]!, oscPort: Number(m[2]) };
}
