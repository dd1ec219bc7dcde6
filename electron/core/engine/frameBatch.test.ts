// A chat frame can carry far more lines than the batches' first arrays hold (a burst after a stall, Twitch
// batching a busy channel): every change and every decision must still come out, in order, once.
import { describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../../shared/domain';
import type { OscSink } from '../ports';
import { ChangeBatch, PendingDecisions } from './frameBatch';

/** Records what sendBatch was handed, copied out (the batch reuses its arrays). */
function recordingSink(): { sink: OscSink; batches: [number, number][][] } {
  const batches: [number, number][][] = [];
  const sink: OscSink = {
    send: () => {},
    sendBatch(indices, values, count) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < count; i++) pairs.push([indices[i]!, values[i]!]);
      batches.push(pairs);
    },
    sendTest: () => {},
    stats: () => ({ sent: 0, errors: 0 }),
    close: async () => {},
  };
  return { sink, batches };
}

describe('ChangeBatch', () => {
  it('sends every change of a frame bigger than its arrays, in order, as one batch, then starts empty', () => {
    const { sink, batches } = recordingSink();
    const batch = new ChangeBatch();
    const changes = Array.from({ length: 1000 }, (_, i): [number, number] => [i % 7, i + 0.5]);
    for (const [index, value] of changes) batch.add(index, value);
    batch.sendTo(sink);
    expect(batches).toEqual([changes]);

    batch.add(3, 42);
    batch.sendTo(sink);
    expect(batches[1]).toEqual([[3, 42]]);
    batch.sendTo(sink); // nothing pending: no datagram
    expect(batches).toHaveLength(2);
  });
});

describe('PendingDecisions', () => {
  it('drains every decision of a big frame with its own arrival time, oldest first', () => {
    const pending = new PendingDecisions();
    const event = (i: number) => ({ raw: `!cutoff ${i}` }) as CommandEvent;
    for (let i = 0; i < 300; i++) pending.add(event(i), 1000 + i);
    const out: [string, number][] = [];
    pending.drain((e, arrivalMs) => out.push([e.raw, arrivalMs]));
    expect(out).toHaveLength(300);
    expect(out[0]).toEqual(['!cutoff 0', 1000]);
    expect(out[299]).toEqual(['!cutoff 299', 1299]);
    expect(pending.size).toBe(0);
  });
});
