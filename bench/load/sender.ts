// The load generator: the fake Twitch server, paced. Each ~1 ms tick sends every command that fell due as ONE
// WebSocket frame (Twitch batches lines the same way), each line a real tagged PRIVMSG `!seq <n>` from one of
// N simulated users. The send time of every sequence number goes into the shared SeqTable just before the
// frame is written, after the lines are built, so building them does not count as latency.
import { FakeTwitchServer, type FakeTwitchClient } from '../../electron/core/chat/fakeTwitchServer';
import { epochNowMs } from '../clock';
import { isModerator, Pacer, userOf, type LoadPhase } from './phase';
import { MAX_PHASES, type SeqTable } from './seqTable';

export const BENCH_CHANNEL = 'benchstream';
/** The chat command every subject turns into an OSC float: `!seq 1234` → /cv/seq 1234.0 */
export const SEQ_COMMAND = 'seq';
/** A frame never carries more than this many lines (after a stall the backlog goes out in several frames). */
const MAX_LINES_PER_FRAME = 1000;
/**
 * When a subject stops reading, its socket's unsent bytes pile up in this process. Past this much, due
 * commands are held back (counted, never sent) instead of buffered: an unbounded buffer would grow by
 * hundreds of MB, stall this process's GC for whole seconds and spoil every later measurement of the run.
 */
export const BACKPRESSURE_BYTES = 8 * 1024 * 1024;
const TICK_MS = 1;

export interface PhaseRequest extends LoadPhase {
  index: number;
}

export interface PhaseSendResult {
  index: number;
  /** Sequence numbers [firstSeq, endSeq) were used by this phase. */
  firstSeq: number;
  endSeq: number;
  sent: number;
  frames: number;
  /** Epoch ms the phase started and ended. */
  startedAt: number;
  endedAt: number;
  /** Longest gap between two ticks: how far the sender itself fell behind its schedule. */
  maxTickGapMs: number;
  /** The table was full: the phase stopped early. */
  truncated: boolean;
  /** Commands that fell due while the subject had BACKPRESSURE_BYTES unread: held back, never sent. */
  heldBack: number;
}

export interface SenderApi {
  start(): Promise<{ url: string; port: number }>;
  waitForJoin(channel: string, timeoutMs: number): Promise<void>;
  runPhase(phase: PhaseRequest): Promise<PhaseSendResult>;
  stop(): Promise<void>;
}

export class LoadSender implements SenderApi {
  private readonly server = new FakeTwitchServer();
  private readonly sockets = new Set<FakeTwitchClient['socket']>();
  private nextSeq = 1;

  constructor(
    private readonly table: SeqTable,
    private readonly epochMs: number,
  ) {}

  start(): Promise<{ url: string; port: number }> {
    this.server.on('connection', (client: FakeTwitchClient) => this.sockets.add(client.socket));
    this.server.on('close', (client: FakeTwitchClient) => this.sockets.delete(client.socket));
    return this.server.start();
  }

  /** Bytes written to the subject that it has not read yet (beyond what the kernel buffers hold). */
  private unread(): number {
    let most = 0;
    for (const s of this.sockets) if (s.bufferedAmount > most) most = s.bufferedAmount;
    return most;
  }

  waitForJoin(channel: string, timeoutMs: number): Promise<void> {
    return this.server.waitForJoin(channel, timeoutMs);
  }

  runPhase(phase: PhaseRequest): Promise<PhaseSendResult> {
    if (phase.index < 0 || phase.index >= MAX_PHASES)
      throw new RangeError(`phase index ${phase.index} out of range`);
    const startedAt = epochNowMs();
    const pacer = new Pacer(phase.rate, phase.durationMs, startedAt);
    const result: PhaseSendResult = {
      index: phase.index,
      firstSeq: this.nextSeq,
      endSeq: this.nextSeq,
      sent: 0,
      frames: 0,
      startedAt,
      endedAt: startedAt,
      maxTickGapMs: 0,
      truncated: false,
      heldBack: 0,
    };
    const names = userNames(phase);
    const lines: string[] = [];
    let lastTick = startedAt;
    return new Promise((resolve) => {
      if (phase.rate <= 0) {
        // An idle phase: time passes, nothing is sent (one timer, no 1 kHz ticking).
        setTimeout(() => resolve({ ...result, endedAt: epochNowMs() }), phase.durationMs);
        return;
      }
      const tick = (): void => {
        const now = epochNowMs();
        if (now - lastTick > result.maxTickGapMs) result.maxTickGapMs = now - lastTick;
        lastTick = now;
        let due = pacer.due(now);
        if (due > 0 && this.unread() > BACKPRESSURE_BYTES) {
          pacer.take(due);
          result.heldBack += due;
          due = 0;
        }
        while (due > 0 && !result.truncated) {
          const n = Math.min(due, MAX_LINES_PER_FRAME, this.table.capacity - this.nextSeq);
          if (n <= 0) {
            result.truncated = true;
            break;
          }
          this.sendFrame(phase, pacer.sent, n, names, lines);
          pacer.take(n);
          result.sent += n;
          result.frames++;
          due -= n;
        }
        if (result.truncated || pacer.done(now)) {
          result.endSeq = this.nextSeq;
          result.endedAt = epochNowMs();
          resolve(result);
          return;
        }
        setTimeout(tick, TICK_MS);
      };
      tick();
    });
  }

  /** Builds `n` lines (messages k..k+n-1 of the phase), stamps their send time, writes them as one frame. */
  private sendFrame(phase: PhaseRequest, k: number, n: number, names: UserNames, lines: string[]): void {
    lines.length = 0;
    const first = this.nextSeq;
    const sentTs = Math.floor(Date.now());
    for (let i = 0; i < n; i++) {
      const user = userOf(phase, k + i);
      lines.push(
        this.server.buildPrivmsg(BENCH_CHANNEL, {
          user: names.name(user),
          userId: names.id(user),
          role: isModerator(phase, user) ? 'moderator' : 'everyone',
          text: `!${SEQ_COMMAND} ${first + i}`,
          sentTs,
        }),
      );
    }
    const us = Math.max(1, Math.round((epochNowMs() - this.epochMs) * 1000));
    for (let i = 0; i < n; i++) {
      const user = userOf(phase, k + i);
      this.table.markSent(first + i, us, phase.index, isModerator(phase, user));
    }
    this.nextSeq = first + n;
    this.server.sayLines(lines, BENCH_CHANNEL);
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}

interface UserNames {
  name(user: number): string;
  id(user: number): string;
}

/** Names and ids built once per user and phase, not once per line. */
function userNames(phase: LoadPhase): UserNames {
  const cacheSize = Math.min(phase.users, 20_000);
  const first = phase.firstUser ?? 0;
  const names: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < cacheSize; i++) {
    names.push(`viewer${first + i}`);
    ids.push(String(500_000_000 + first + i));
  }
  return {
    name: (u) => names[u - first] ?? `viewer${u}`,
    id: (u) => ids[u - first] ?? String(500_000_000 + u),
  };
}
