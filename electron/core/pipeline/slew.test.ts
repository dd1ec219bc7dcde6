import { describe, expect, it } from 'vitest';
import { Ramp } from './slew';

describe('Ramp', () => {
  it('steps linearly on the oscRateHz grid and lands exactly on the target at slewMs', () => {
    const r = new Ramp();
    r.start(0, 1, 1000, 100, 10);
    const written: Array<[number, number]> = [];
    for (let t = 1000; t <= 1120; t += 1) {
      const y = r.step(t);
      if (!Number.isNaN(y)) written.push([t, y]);
    }
    expect(written.length).toBe(10);
    expect(written[0]![1]).toBeCloseTo(0.1);
    expect(written[4]).toEqual([1050, 0.5]);
    expect(written[written.length - 1]).toEqual([1100, 1]);
    expect(r.active).toBe(false);
  });

  it('never steps faster than the grid when ticked often, and does not burst after a late tick', () => {
    const r = new Ramp();
    r.start(0, 10, 0, 1000, 10);
    let writes = 0;
    for (let t = 0; t < 500; t += 0.5) if (!Number.isNaN(r.step(t))) writes++;
    expect(writes).toBe(49); // steps at 10, 20, ... 490
    expect(Number.isNaN(r.step(800))).toBe(false); // late: one step, the value for t=800
    expect(r.valueAt(800)).toBe(8);
    expect(Number.isNaN(r.step(801))).toBe(true);
  });

  it('writes on every tick of a ticker at oscRateHz, whatever its phase and lateness', () => {
    const r = new Ramp();
    r.start(0, 1, 0, 100, 10);
    const ticks = [3, 13.4, 23.9, 34.1, 44.2, 54.8, 65, 75.5, 86, 96.2, 106.3];
    const wrote = ticks.map((t) => !Number.isNaN(r.step(t)));
    expect(wrote).toEqual([false, true, true, true, true, true, true, true, true, true, true]);
    expect(r.active).toBe(false);
  });

  it('reports when the next step is due, and Infinity once finished', () => {
    const r = new Ramp();
    expect(r.dueAt()).toBe(Infinity);
    r.start(0, 1, 0, 25, 10);
    expect(r.dueAt()).toBe(10);
    r.step(10);
    r.step(20);
    expect(r.dueAt()).toBe(25);
    expect(r.step(25)).toBe(1);
    expect(r.dueAt()).toBe(Infinity);
  });
});
