// Simulated viewers for `twitch-cv demo` and the load tests: a stable crowd of named users (some subs, VIPs
// and mods) typing realistic commands at a steady rate through the fake Twitch server. Mostly valid values,
// some relative changes, note names for pitch, on/off for gates, and the junk real chat is full of (typos,
// out-of-range values, NaN, full-width digits, invisible characters, plain chatter). Seeded: the same seed
// gives the same crowd and the same messages.
import type { VariableConfig } from '../../../shared/config';
import type { Role } from '../../../shared/domain';
import type { FakeTwitchServer } from './fakeTwitchServer';
import { normalizeChannel, stableNumericId } from './twitchIrcLines';

export interface ViewerSimulatorOptions {
  channel: string;
  /** Distinct simulated users. */
  viewers: number;
  /** Messages per second across all viewers. */
  ratePerSec: number;
  variables: readonly VariableConfig[];
  seed?: number;
  /** Command prefix (the config's `prefix`), `!` by default. */
  prefix?: string;
  /** One timer tick sends every message due since the last one, in one WebSocket frame (default 10 ms). */
  tickMs?: number;
}

export interface SimulatedViewer {
  name: string;
  userId: string;
  role: Role;
}

const ADJECTIVES = [
  'modular',
  'analog',
  'fuzzy',
  'cosmic',
  'lofi',
  'acid',
  'warm',
  'glitchy',
  'deep',
  'bouncy',
];
const NOUNS = ['patch', 'osc', 'filter', 'synth', 'wave', 'knob', 'cable', 'drone', 'arp', 'vca'];
const CHATTER = [
  'lol',
  'this sounds sick',
  'PogChamp',
  'hi chat',
  'turn it up!!',
  'what synth is that?',
  'KEKW',
  'vibes',
];
const JUNK_VALUES = ['abc', 'NaN', 'Infinity', '1e999', '0x10', '--5', '', '５０', 'ten', '50%'];
const NOTE_LETTERS = ['C', 'D', 'E', 'F', 'G', 'A', 'B'];
/** Chat clients append these to repeated messages (to get past Twitch's duplicate filter). */
const INVISIBLE = ['\u034f', '\u{e0000}', '\u200b'];

/** mulberry32: tiny, fast, good enough for simulated chat. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class ViewerSimulator {
  readonly viewers: readonly SimulatedViewer[];
  private readonly random: () => number;
  private readonly channel: string;
  private readonly prefix: string;
  private rate = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private startedAt = 0;
  private sentAtStart = 0;
  private sent = 0;

  constructor(
    private readonly server: Pick<FakeTwitchServer, 'sayLines' | 'buildPrivmsg'>,
    private readonly opts: ViewerSimulatorOptions,
  ) {
    if (!Number.isInteger(opts.viewers) || opts.viewers < 1)
      throw new Error(`viewers must be a whole number ≥ 1, got ${opts.viewers}`);
    if (opts.variables.length === 0)
      throw new Error('the simulator needs at least one variable to talk about');
    this.setRate(opts.ratePerSec);
    this.random = prng(opts.seed ?? 1);
    this.channel = normalizeChannel(opts.channel);
    this.prefix = opts.prefix ?? '!';
    this.viewers = Array.from({ length: opts.viewers }, (_, i) => this.makeViewer(i));
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.sentAtStart = this.sent;
    this.timer = setInterval(() => this.tick(), Math.max(1, this.opts.tickMs ?? 10));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Change the rate while running (load ramps); the new rate counts from now. */
  setRate(ratePerSec: number): void {
    if (!Number.isFinite(ratePerSec) || ratePerSec < 0)
      throw new Error(`ratePerSec must be ≥ 0, got ${ratePerSec}`);
    this.rate = ratePerSec;
    this.startedAt = performance.now();
    this.sentAtStart = this.sent;
  }

  stats(): { sent: number; ratePerSec: number } {
    return { sent: this.sent, ratePerSec: this.rate };
  }

  /** One message from a random viewer: who says it and what. */
  nextMessage(): { viewer: SimulatedViewer; text: string } {
    const viewer = this.viewers[Math.floor(this.random() * this.viewers.length)]!;
    return { viewer, text: this.nextText() };
  }

  /** The text of one simulated chat message. */
  nextText(): string {
    const r = this.random();
    const variable = this.pick(this.opts.variables);
    const name = this.nameFor(variable);
    if (r < 0.7) return `${this.prefix}${name}${this.validArgument(variable)}`;
    if (r < 0.8) return this.pick(CHATTER);
    if (r < 0.86) return `${this.prefix}${name} ${this.outOfRange(variable)}`;
    if (r < 0.92) return `${this.prefix}${name} ${this.pick(JUNK_VALUES)}`;
    if (r < 0.96) return `${this.prefix}${this.typo(name)}${this.validArgument(variable)}`;
    if (r < 0.98) return `${this.prefix}cv`;
    return `${this.prefix}${name}${this.validArgument(variable)} ${this.pick(INVISIBLE)}`;
  }

  private tick(): void {
    const due =
      Math.floor(((performance.now() - this.startedAt) / 1000) * this.rate) - (this.sent - this.sentAtStart);
    if (due <= 0) return;
    // After a stall (GC, a busy machine) catch up by at most half a second's worth, not in one flood.
    const count = Math.min(due, Math.max(1, Math.ceil(this.rate / 2)));
    const lines = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const { viewer, text } = this.nextMessage();
      lines[i] = this.server.buildPrivmsg(this.channel, {
        user: viewer.name,
        userId: viewer.userId,
        role: viewer.role,
        text,
      });
    }
    this.server.sayLines(lines, this.channel);
    this.sent += count;
    if (count < due) this.sentAtStart -= due - count; // skip what could not be caught up
  }

  private makeViewer(i: number): SimulatedViewer {
    const name = `${this.pick(ADJECTIVES)}_${this.pick(NOUNS)}${i}`;
    const r = this.random();
    const role: Role = r < 0.02 ? 'moderator' : r < 0.05 ? 'vip' : r < 0.2 ? 'subscriber' : 'everyone';
    return { name, userId: stableNumericId(name), role };
  }

  private validArgument(v: VariableConfig): string {
    const r = this.random();
    switch (v.type) {
      case 'gate':
        return ` ${this.pick(['on', 'off', '1', '0'])}`;
      case 'trigger':
        return r < 0.5 ? '' : ' 1';
      case 'pitch':
        if (r < 0.6) {
          const accidental = this.pick(['', '', '#', 'b']);
          return ` ${this.pick(NOTE_LETTERS)}${accidental}${2 + Math.floor(this.random() * 4)}`;
        }
        return ` ${Math.round(v.min + this.random() * (v.max - v.min))}`;
      default: {
        const span = v.max - v.min;
        if (r < 0.2) {
          const step = Math.max(1, Math.round(this.random() * span * 0.1));
          return ` ${this.random() < 0.5 ? '+' : '-'}${step}`;
        }
        const value = v.min + this.random() * span;
        return ` ${span >= 10 ? Math.round(value) : value.toFixed(2)}`;
      }
    }
  }

  private outOfRange(v: VariableConfig): string {
    const span = v.max - v.min || 1;
    const value =
      this.random() < 0.5 ? v.max + span * (0.1 + this.random()) : v.min - span * (0.1 + this.random());
    return String(Math.round(value));
  }

  private nameFor(v: VariableConfig): string {
    const name = v.aliases.length && this.random() < 0.2 ? this.pick(v.aliases) : v.name;
    // Viewers type names in any case; the parser must not care.
    return this.random() < 0.1
      ? name.toUpperCase()
      : this.random() < 0.1
        ? name[0]!.toUpperCase() + name.slice(1)
        : name;
  }

  private typo(name: string): string {
    if (name.length < 3) return `${name}x`;
    const i = 1 + Math.floor(this.random() * (name.length - 2));
    return this.random() < 0.5
      ? name.slice(0, i) + name.slice(i + 1)
      : name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
