// Test helpers for the pipeline: a hand-driven clock, configs built through the real schema, chat messages
// and an output recorder. Not a test file itself (no .test suffix), so vitest does not run it.
import { parseConfig, type Config, type ConfigInput } from '../../../shared/config';
import type { ChatMessage, Role } from '../../../shared/domain';
import type { Clock } from '../ports';
import type { OutputWriter } from './types';

export const WALL_EPOCH = 1_750_000_000_000;

/** Time moves only when a test says so. */
export class FakeClock implements Clock {
  t = 1_000;
  now(): number {
    return this.t;
  }
  wallNow(): number {
    return WALL_EPOCH + this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** A Config through the real schema (so defaults are the real ones); throws with the field errors if invalid. */
export function makeConfig(variables: unknown[], extra: Partial<ConfigInput> = {}): Config {
  const result = parseConfig({ variables, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

let seq = 0;
export function chat(
  text: string,
  user: { userId?: string; userName?: string; role?: Role } = {},
): ChatMessage {
  const userId = user.userId ?? 'u1';
  return {
    id: `m${++seq}`,
    channel: 'chan',
    userId,
    userName: user.userName ?? `name_${userId}`,
    role: user.role ?? 'everyone',
    text,
    arrivalMs: 0,
    sentTs: null,
  };
}

/** Records every write, in order. */
export class Outputs {
  readonly writes: Array<[index: number, value: number]> = [];
  readonly write: OutputWriter = (index, value) => {
    this.writes.push([index, value]);
  };
  /** Values written for one variable, in order. */
  of(index: number): number[] {
    return this.writes.filter(([i]) => i === index).map(([, v]) => v);
  }
  last(index: number): number | undefined {
    const values = this.of(index);
    return values[values.length - 1];
  }
  clear(): void {
    this.writes.length = 0;
  }
}
