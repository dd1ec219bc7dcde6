// Twitch channel names, with a message that says exactly what is wrong. The Connect form shows it before
// anything is sent, and the engine's contract refuses the same names with the same words.

/** A specific problem with a channel name as the streamer typed it, or null when it is fine. */
export function channelProblem(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return 'Type your Twitch channel name first.';
  if (/\s/.test(name)) return 'A channel name cannot contain spaces.';
  if (name.includes('#')) return 'Leave out the "#": type just the name, for example mychannel.';
  if (name.length > 25)
    return `Too long: a channel name has at most 25 characters (this has ${name.length}).`;
  if (name.length < 2) return 'Too short: a channel name has at least 2 characters.';
  const bad = /[^A-Za-z0-9_]/.exec(name);
  if (bad) return `"${bad[0]}" is not allowed: use letters, digits and underscores only.`;
  return null;
}
