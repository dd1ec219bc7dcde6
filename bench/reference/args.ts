// Flags shared by the two reference subjects: --server ws://127.0.0.1:PORT --channel NAME --osc 127.0.0.1:PORT
import { parseArgs } from 'node:util';
import { parseHostPort } from '../../electron/core/cli/args';

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
  // The engine's own host:port parser, so all three subjects read the flag the same way.
  const osc = parseHostPort(values.osc, '--osc');
  return { server: new URL(values.server), channel: values.channel, oscHost: osc.host, oscPort: osc.port };
}
