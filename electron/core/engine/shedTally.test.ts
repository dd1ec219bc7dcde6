import { describe, expect, it } from 'vitest';
import type { CommandEvent } from '../../../shared/domain';
import { ShedTally, shedSummaryText } from './shedTally';

function tally() {
  const rows: CommandEvent[] = [];
  return { rows, tally: new ShedTally((row) => rows.push(row)) };
}

describe('ShedTally', () => {
  it('turns a second of shed commands into one row per channel, counting them', () => {
    const { rows, tally: t } = tally();
    for (let i = 0; i < 700; i++) t.add('alpha', 10_000 + i);
    for (let i = 0; i < 3; i++) t.add('beta', 10_500);
    expect(rows).toEqual([]); // the second is not over yet
    t.add('alpha', 11_000); // the next second starts: the previous one's rows go out first
    expect(rows).toEqual([
      expect.objectContaining({ channel: 'alpha', value: 700, outcome: 'refused', reason: 'overloaded' }),
      expect.objectContaining({ channel: 'beta', value: 3, raw: shedSummaryText(3) }),
    ]);
    expect(rows[0]!.ts).toBe(10_999);
    expect(rows[0]!.userId).toBe('');
  });

  it('flushes a finished second on the housekeeping tick even when no more commands come', () => {
    const { rows, tally: t } = tally();
    t.add('alpha', 5_100);
    t.flushIfOver(5_900);
    expect(rows).toHaveLength(0);
    t.flushIfOver(6_000);
    expect(rows).toEqual([expect.objectContaining({ value: 1, raw: shedSummaryText(1) })]);
    t.flushIfOver(7_000);
    expect(rows).toHaveLength(1); // nothing counted since: no empty row
  });

  it('flush() at shutdown emits the open second, stamped no later than now', () => {
    const { rows, tally: t } = tally();
    t.add('alpha', 8_200);
    t.add('alpha', 8_300);
    t.flush(8_400);
    expect(rows).toEqual([expect.objectContaining({ value: 2, ts: 8_400 })]);
    t.flush(8_500);
    expect(rows).toHaveLength(1);
  });

  it('says what a row stands for', () => {
    expect(shedSummaryText(1)).toBe('(1 command shed: the engine was overloaded)');
    expect(shedSummaryText(42)).toBe('(42 commands shed: the engine was overloaded)');
  });
});
