import { describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../../shared/domain';
import { appendEvent, newBatch, takeRows } from './protocol';

const event = (n: number): CommandEvent => ({
  ts: 1000 + n,
  channel: 'chan',
  userId: `u${n}`,
  userName: `user${n}`,
  variable: n % 2 ? 'cutoff' : null,
  raw: `!cutoff ${n}`,
  value: n % 3 ? n : null,
  outcome: n % 2 ? 'accepted' : 'refused',
  reason: n % 2 ? null : 'cooldown',
  latencyUs: 100 + n,
});

describe('takeRows', () => {
  it('hands over exactly the rows written and leaves the same builder empty for the next batch', () => {
    const builder = newBatch(8);
    const buffers = [builder.ts.buffer, builder.value.buffer, builder.outcome.buffer];
    for (let i = 0; i < 3; i++) appendEvent(builder, event(i));
    const first = takeRows(builder);
    expect(first.n).toBe(3);
    expect(Array.from(first.ts)).toEqual([1000, 1001, 1002]);
    expect(Array.from(first.value)).toEqual([NaN, 1, 2]);
    expect(first.userId).toEqual(['u0', 'u1', 'u2']);
    expect(first.variable).toEqual([null, 'cutoff', null]);
    expect(first.ts.length).toBe(3); // no empty capacity to clone
    expect(builder.n).toBe(0);
    expect(builder.userId).toEqual([]);
    // The builder keeps its buffers (nothing new allocated per batch), the handed-over rows have their own.
    expect([builder.ts.buffer, builder.value.buffer, builder.outcome.buffer]).toEqual(buffers);
    expect(first.ts.buffer).not.toBe(builder.ts.buffer);
    // Rows written next do not disturb the batch already handed over.
    appendEvent(builder, event(7));
    const second = takeRows(builder);
    expect(Array.from(second.ts)).toEqual([1007]);
    expect(Array.from(first.ts)).toEqual([1000, 1001, 1002]);
    expect(first.userId).toEqual(['u0', 'u1', 'u2']);
  });
});
