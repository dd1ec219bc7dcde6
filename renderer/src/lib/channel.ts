// Channel-name checks with a message that says exactly what is wrong, before anything is sent. The engine
// validates again with the contract's schema; this only has to be at least as strict and more helpful.
import { channelName } from '../../../shared/config';

export function channelProblem(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return 'Type your Twitch channel name first.';
  if (/\s/.test(name)) return 'A channel name cannot contain spaces.';
  if (name.includes('#')) return 'Leave out the "#": type just the name, for example mychannel.';
  if (name.length > 25)
    return `Too long: a channel name has at most 25 characters (this has ${name.length}).`;
  if (name.length < 2) return 'Too short: a channel name has at least 2 characters.';
  const bad = name.match(/[^A-Za-z0-9_]/);
  if (bad) return `"${bad[0]}" is not allowed: use letters, digits and underscores only.`;
  const parsed = channelName.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'not a valid channel name');
}
