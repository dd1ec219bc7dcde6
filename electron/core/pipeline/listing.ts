// The `!cv` reply: what this viewer may use, with the values each takes. Fits one Twitch message.
import { MAX_MESSAGE_LENGTH, ROLE_RANK, type Role } from '../../../shared/domain';
import type { CompiledConfig, CompiledVariable } from './compile';
import { MODERATOR_RANK } from './authorize';

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

function usage(v: CompiledVariable): string {
  switch (v.type) {
    case 'gate':
      return 'on|off';
    case 'trigger':
      return '(fires)';
    case 'pitch':
      return `note (C4) or ${fmt(v.min)}..${fmt(v.max)}, ${v.config.root} ${v.config.scale.replace(/_/g, ' ')}`;
    default:
      return `${fmt(v.min)}..${fmt(v.max)}`;
  }
}

export function listingText(
  compiled: CompiledConfig,
  role: Role,
  panic: boolean,
  locked: ArrayLike<boolean>,
): string {
  const p = compiled.prefix;
  const rank = ROLE_RANK[role] ?? 0;
  const parts: string[] = [];
  for (const v of compiled.variables) {
    if (rank < v.permissionRank) continue;
    const names = [v.name, ...v.config.aliases].map((n) => p + n).join('/');
    parts.push(`${names} ${usage(v)}${locked[v.index] === true ? ' (locked)' : ''}`);
  }
  let text = parts.length > 0 ? `Commands: ${parts.join(' · ')}` : 'No commands are open to you right now.';
  if (panic) text = `Chat control is paused. ${text}`;
  if (rank >= MODERATOR_RANK) text += ` · Mods: ${p}panic ${p}resume ${p}lock/${p}unlock/${p}reset <name>`;
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : text;
}
