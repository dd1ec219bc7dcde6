// The overload guard with an injected clock and an injected event-loop utilization: what a viewer notices is
// whether their command is refused as `overloaded`, so every test asserts on shouldShed().
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Role } from '../../../shared/domain';
import { BASELINE_WINDOW_MS, OverloadGuard, SATURATION_INTERVAL_MS } from './overload';

/** Twitch's clock runs this far from ours (ms): the guard must not care. */
const SKEW = 2_345;

class Rig {
  now = 1_000; // performance.now()-like
  wallOffset = 1_700_000_000_000;
  utilization = 0.3;
  readonly guard: OverloadGuard;

  constructor(maxLagMs = 50, memoryCapMb = 500, targetLagMs?: number) {
    this.guard = new OverloadGuard(
      { maxLagMs, memoryCapMb, targetLagMs },
      { utilization: () => this.utilization },
    );
  }

  get wall(): number {
    return this.now + this.wallOffset;
  }

  /** A message Twitch sent `upstreamMs` before it reached us (plus skew and a 40 ms network), read `inProcessMs` after its frame arrived. */
  shed({ upstreamMs = 0, inProcessMs = 0, role = 'everyone' as Role, sentTs = true } = {}): boolean {
    const msg: ChatMessage = {
      id: null,
      channel: 'c',
      userId: '1',
      userName: 'u',
      role,
      text: '!cutoff 1',
      arrivalMs: this.now - inProcessMs,
      sentTs: sentTs ? this.wall - inProcessMs - upstreamMs - 40 + SKEW : null,
    };
    return this.guard.shouldShed(msg, this.now, this.wall);
  }

  advance(ms: number): void {
    this.now += ms;
  }

  /** Lets a saturation interval pass so the next message re-reads the utilization. */
  nextInterval(utilization: number): void {
    this.utilization = utilization;
    this.advance(SATURATION_INTERVAL_MS);
  }
}

describe('OverloadGuard', () => {
  it('accepts everything while the engine keeps up, skew and network delay included', () => {
    const r = new Rig();
    for (let i = 0; i < 100; i++) {
      expect(r.shed({ inProcessMs: 0.05 })).toBe(false);
      r.advance(1);
    }
    expect(r.guard.shed()).toBe(0);
  });

  it('delivers late rather than refusing when the delay is not ours (a GC pause, Twitch jitter)', () => {
    const r = new Rig();
    r.shed();
    r.nextInterval(0.4); // the loop still idles: nothing is queued on our side
    expect(r.shed({ inProcessMs: 20 })).toBe(false); // a 20 ms pause, under maxLagMs
    expect(r.shed({ upstreamMs: 300 })).toBe(false); // Twitch delivered it 300 ms late
    expect(r.guard.shed()).toBe(0);
  });

  it('always sheds a viewer command that waited longer than maxLagMs inside the process', () => {
    const r = new Rig(50);
    expect(r.shed({ inProcessMs: 51 })).toBe(true);
    expect(r.shed({ inProcessMs: 49 })).toBe(false);
  });

  it('past capacity, sheds viewers queued longer than the target and accepts the fresh ones', () => {
    const r = new Rig(50);
    r.shed(); // learns the baseline while idle
    r.nextInterval(0.99);
    expect(r.shed({ upstreamMs: 30 })).toBe(true); // waited 30 ms in socket buffers
    expect(r.shed({ upstreamMs: 6 })).toBe(true);
    expect(r.shed({ upstreamMs: 4 })).toBe(false);
    expect(r.guard.saturated).toBe(true);
    expect(r.guard.lagMs).toBeCloseTo(4, 5);
    expect(r.guard.shed()).toBe(2);
  });

  it('sheds moderators and the broadcaster last: at twice the target while saturated', () => {
    const r = new Rig(50, 500, 5);
    r.shed();
    r.nextInterval(1);
    for (const role of ['everyone', 'subscriber', 'vip'] as const)
      expect(r.shed({ upstreamMs: 6, role })).toBe(true);
    for (const role of ['moderator', 'broadcaster'] as const) {
      expect(r.shed({ upstreamMs: 6, role })).toBe(false);
      expect(r.shed({ upstreamMs: 9.5, role })).toBe(false);
      expect(r.shed({ upstreamMs: 11, role })).toBe(true);
    }
  });

  it('holds moderators only to 4× the hard limit while the engine keeps up', () => {
    const r = new Rig(50);
    for (const role of ['moderator', 'broadcaster'] as const) {
      expect(r.shed({ inProcessMs: 150, role })).toBe(false);
      expect(r.shed({ inProcessMs: 201, role })).toBe(true);
    }
    expect(r.shed({ inProcessMs: 51 })).toBe(true);
  });

  it('stops shedding at the next interval once the load drops (recovery within milliseconds)', () => {
    const r = new Rig();
    r.shed();
    r.nextInterval(1);
    expect(r.shed({ upstreamMs: 8 })).toBe(true);
    r.nextInterval(0.5);
    expect(r.shed({ upstreamMs: 8 })).toBe(false);
    expect(r.guard.saturated).toBe(false);
  });

  it('keeps watching the upstream delay while a shedding engine briefly catches up (hysteresis)', () => {
    const r = new Rig();
    r.shed();
    r.nextInterval(0.8); // busy but idling: not saturated yet
    expect(r.shed({ upstreamMs: 8 })).toBe(false);
    r.nextInterval(0.95);
    expect(r.shed({ upstreamMs: 8 })).toBe(true);
    r.nextInterval(0.8); // caught up for a moment, still far from idle: the backlog is rebuilding unseen
    expect(r.shed({ upstreamMs: 8 })).toBe(true);
    r.nextInterval(0.6);
    expect(r.shed({ upstreamMs: 8 })).toBe(false);
  });

  it('does not re-read utilization more than once per interval (the hot path stays cheap)', () => {
    let reads = 0;
    const g = new OverloadGuard({ maxLagMs: 50, memoryCapMb: 500 }, { utilization: () => (reads++, 0.1) });
    const msg: ChatMessage = {
      id: null,
      channel: 'c',
      userId: '1',
      userName: 'u',
      role: 'everyone',
      text: 'x',
      arrivalMs: 0,
      sentTs: null,
    };
    for (let t = 0; t < 1000; t += 0.1) g.shouldShed({ ...msg, arrivalMs: t }, t, t);
    expect(reads).toBe(Math.ceil(1000 / SATURATION_INTERVAL_MS));
  });

  it('holds the line through a long overload: the baseline never creeps up to include our own backlog', () => {
    const r = new Rig();
    r.shed();
    r.nextInterval(1);
    // 40 s saturated with a standing 8 ms queue: every viewer command beyond the target keeps being shed.
    for (let t = 0; t < 40_000; t += SATURATION_INTERVAL_MS) {
      expect(r.shed({ upstreamMs: 8 })).toBe(true);
      r.nextInterval(1);
    }
  });

  it('follows a clock step once the loop idles again, instead of shedding forever', () => {
    const r = new Rig();
    r.shed();
    r.wallOffset += 1_000; // our wall clock jumps 1 s ahead: every transit now looks 1 s longer
    // Idle: not shed (not our queue), and these transits re-teach the baseline over two windows.
    for (let t = 0; t < 2 * BASELINE_WINDOW_MS + 100; t += 100) {
      r.nextInterval(0.3);
      expect(r.shed()).toBe(false);
      r.advance(80);
    }
    r.nextInterval(1);
    expect(r.shed({ upstreamMs: 2 })).toBe(false); // saturated, but the queue is only 2 ms
    expect(r.shed({ upstreamMs: 9 })).toBe(true);
  });

  it('uses the in-process delay when Twitch sent no timestamp', () => {
    const r = new Rig();
    r.nextInterval(1);
    expect(r.shed({ sentTs: false, inProcessMs: 3 })).toBe(false);
    expect(r.shed({ sentTs: false, inProcessMs: 7 })).toBe(true);
  });

  it('sheds viewers, never moderators, above the memory cap, and stops once below it', () => {
    const r = new Rig(50, 500);
    r.guard.sampleMemory(520);
    expect(r.shed()).toBe(true);
    expect(r.shed({ role: 'moderator' })).toBe(false);
    r.guard.sampleMemory(480);
    expect(r.shed()).toBe(false);
  });

  it('holds a saturated engine to a tenth of maxLagMs unless told otherwise', () => {
    const r = new Rig(10_000); // a test rig on a busy machine: effectively never shed
    r.shed();
    r.nextInterval(1);
    expect(r.shed({ upstreamMs: 900 })).toBe(false);
    expect(r.shed({ upstreamMs: 1100 })).toBe(true);
  });

  it('takes new limits from setOptions (a config edit), target never above maxLagMs', () => {
    const r = new Rig(50);
    r.shed();
    r.nextInterval(1);
    expect(r.shed({ upstreamMs: 4 })).toBe(false);
    r.guard.setOptions({ maxLagMs: 3, memoryCapMb: 500, targetLagMs: 5 });
    expect(r.shed({ upstreamMs: 4 })).toBe(true);
    r.guard.setOptions({ maxLagMs: 50, memoryCapMb: 500, targetLagMs: 20 });
    expect(r.shed({ upstreamMs: 15 })).toBe(false);
  });
});
